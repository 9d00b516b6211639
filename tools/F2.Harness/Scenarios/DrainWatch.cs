using F2.Harness.Accounting;
using F2.Harness.Load;
using F2.Protocol;
using Confluent.Kafka;
using Npgsql;

namespace F2.Harness.Scenarios;

/// <summary>
/// Waits, after the load, until the pipeline has settled: both consumer groups have committed to the end of their
/// topics and either every acknowledged message is accounted for, or nothing has moved (rows, raw records) for
/// <see cref="QuietPeriod"/>. Then returns the final account.
/// </summary>
internal sealed class DrainWatch(string bootstrapServers, NpgsqlDataSource telemetry, LoadDevices devices, PublishLedger ledger)
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(60);
    /// <summary>A full account reads every row and dead letter: not more often than this while waiting.</summary>
    private static readonly TimeSpan AccountInterval = TimeSpan.FromSeconds(5);

    public async Task<(MessageAccount Account, bool Drained)> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var progress = new KafkaProgress(bootstrapServers);
        DateTime deadline = DateTime.UtcNow + timeout;
        (long Rows, long Raw) last = (-1, -1);
        DateTime quietSince = DateTime.UtcNow;
        DateTime lastAccount = DateTime.MinValue;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            if (await TrySettledAsync(progress, cancellationToken).ConfigureAwait(false) is not { } now)
            {
                quietSince = DateTime.UtcNow;
                continue;
            }

            if (now.Rows + now.DeadLetters >= ledger.AcknowledgedCount && DateTime.UtcNow - lastAccount >= AccountInterval)
            {
                lastAccount = DateTime.UtcNow;
                if (await AccountAsync(cancellationToken).ConfigureAwait(false) is { Lost: 0 } complete)
                {
                    return (complete, true);
                }
            }

            if ((now.Rows, now.Raw) != last)
            {
                last = (now.Rows, now.Raw);
                quietSince = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - quietSince >= QuietPeriod)
            {
                return (await AccountAsync(cancellationToken).ConfigureAwait(false), true);
            }
        }

        return (await AccountAsync(cancellationToken).ConfigureAwait(false), false);
    }

    public async Task<MessageAccount> AccountAsync(CancellationToken cancellationToken)
    {
        StoredRows rows = await StoredRows.ReadAsync(telemetry, devices, cancellationToken).ConfigureAwait(false);
        DeadLetters deadLetters = await DeadLetters.ReadAsync(bootstrapServers, devices, ReadTimeout).ConfigureAwait(false);
        HourlyRollup hourly = await HourlyRollup.ReadAsync(telemetry, cancellationToken).ConfigureAwait(false);
        return MessageAccount.Of(ledger, rows, deadLetters, hourly);
    }

    /// <summary>Counts when both groups have no lag; null while either lags or something is unreachable.</summary>
    private async Task<(long Rows, long Raw, long DeadLetters)?> TrySettledAsync(KafkaProgress progress, CancellationToken cancellationToken)
    {
        try
        {
            if (progress.Lag("f2-decoder", KafkaTopics.Raw) > 0 || progress.Lag("f2-sink", KafkaTopics.Decoded) > 0)
            {
                return null;
            }

            long rows = await StoredRows.CountAsync(telemetry, cancellationToken).ConfigureAwait(false);
            return (rows, progress.End(KafkaTopics.Raw), progress.End(KafkaTopics.DeadLetter));
        }
        catch (Exception e) when (e is KafkaException or NpgsqlException)
        {
            return null;
        }
    }
}

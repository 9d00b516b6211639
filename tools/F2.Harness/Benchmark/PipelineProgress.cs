using System.Diagnostics;
using F2.Harness.Accounting;
using F2.Protocol;

namespace F2.Harness.Benchmark;

/// <summary>
/// How far the pipeline has got, read from Kafka as an outsider: records on <c>raw_iot_data</c> (what Ingest
/// forwarded), on <c>decoded_iot_data</c> (what the Decoder produced) and the Sink's committed offsets there, which
/// the Sink commits only after the rows are committed to PostgreSQL. With a fault-free load every message gives one
/// raw and one decoded record.
/// </summary>
public sealed class PipelineProgress(string bootstrapServers) : IDisposable
{
    private const string SinkGroup = "f2-sink";

    private readonly KafkaProgress _kafka = new(bootstrapServers);

    public long Forwarded() => _kafka.End(KafkaTopics.Raw);

    public long Decoded() => _kafka.End(KafkaTopics.Decoded);

    /// <summary>Decoded records whose rows are committed to PostgreSQL.</summary>
    public long Committed()
    {
        long end = _kafka.End(KafkaTopics.Decoded);
        return end - _kafka.Lag(SinkGroup, KafkaTopics.Decoded);
    }

    /// <summary>
    /// Waits until <paramref name="messages"/> more records than <paramref name="decodedBefore"/> are on the decoded
    /// topic and the Sink has committed all of them; returns the time from <paramref name="since"/>, or null on timeout.
    /// </summary>
    public async Task<TimeSpan?> WaitDrainedAsync(long decodedBefore, long messages, DateTime since, TimeSpan timeout, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            if (Decoded() - decodedBefore >= messages && _kafka.Lag(SinkGroup, KafkaTopics.Decoded) == 0)
            {
                return DateTime.UtcNow - since;
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    public void Dispose() => _kafka.Dispose();
}

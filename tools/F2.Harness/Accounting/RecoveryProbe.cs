using System.Diagnostics;
using F2.Harness.Load;
using Npgsql;
using NpgsqlTypes;

namespace F2.Harness.Accounting;

/// <summary>
/// Measures recovery: from the end of a fault until <c>iot_measurements</c> holds a row for every well-formed message
/// the broker acknowledged before the fault ended, checked every 250 ms. The expected messages go into a temporary
/// table; each check deletes those that have arrived and counts what is left.
/// </summary>
public static class RecoveryProbe
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>The time from <paramref name="faultEnd"/> (a <see cref="Stopwatch"/> timestamp) to full coverage; null if cancelled first.</summary>
    public static async Task<TimeSpan?> MeasureAsync(
        string telemetryConnectionString, LoadDevices devices, IReadOnlyCollection<MessageId> expected, long faultEnd,
        CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                try
                {
                    await using var connection = new NpgsqlConnection(telemetryConnectionString);
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                    await LoadAsync(connection, devices, expected, cancellationToken).ConfigureAwait(false);
                    while (await RemainingAsync(connection, cancellationToken).ConfigureAwait(false) > 0)
                    {
                        await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
                    }

                    return Stopwatch.GetElapsedTime(faultEnd);
                }
                catch (NpgsqlException)
                {
                    // PostgreSQL restarting: start over with a new connection and the full expected set.
                    await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static async Task LoadAsync(NpgsqlConnection connection, LoadDevices devices, IReadOnlyCollection<MessageId> expected, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE IF NOT EXISTS harness_expected (device_id text NOT NULL, time timestamptz NOT NULL); TRUNCATE harness_expected", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(
            "COPY harness_expected (device_id, time) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            foreach (MessageId id in expected)
            {
                await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(LoadDevices.DeviceId(id.Device), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(devices.TimeOf(id.Sequence), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var analyze = new NpgsqlCommand("ANALYZE harness_expected", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long> RemainingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            DELETE FROM harness_expected e USING iot_measurements m WHERE m.device_id = e.device_id AND m.time = e.time;
            SELECT count(*) FROM harness_expected;
            """, connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}

using Npgsql;

namespace F2.Harness.Benchmark;

/// <summary>
/// Latency percentiles per message in seconds: from device time to commit (the target's measure), and from Ingest's
/// receipt (<c>received_at</c>) to commit, the part the pipeline's services and Kafka account for.
/// </summary>
public sealed record LatencyFigures(long Messages, double P50, double P99, double P999, double FromReceiptP50, double FromReceiptP99);

/// <summary>
/// Reads the benchmark's figures from <c>iot_measurements</c>. The commit time of a row is PostgreSQL's own record of
/// its transaction's commit (<c>pg_xact_commit_timestamp(xmin)</c>, with <c>track_commit_timestamp=on</c> on the
/// benchmark's server), so latency is measured without any change to the Sink: device timestamp (<c>time</c>, set
/// by the simulator when it builds the message) to the commit of the transaction that stored it. Both clocks are
/// this machine's.
/// </summary>
public sealed class TelemetryQueries(NpgsqlDataSource telemetry)
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Per message (its rows share topic, time and transaction): p50, p99 and p99.9 in seconds.</summary>
    public async Task<LatencyFigures> LatencyAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = telemetry.CreateCommand(
            """
            SELECT count(*), percentile_cont(ARRAY[0.5, 0.99, 0.999]) WITHIN GROUP (ORDER BY latency),
                   percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP (ORDER BY from_receipt)
            FROM (SELECT DISTINCT ON (topic, time)
                         extract(epoch FROM pg_xact_commit_timestamp(xmin) - time)::float8 AS latency,
                         extract(epoch FROM pg_xact_commit_timestamp(xmin) - received_at)::float8 AS from_receipt
                  FROM iot_measurements WHERE time >= $1 AND time < $2 ORDER BY topic, time) AS messages
            """);
        command.CommandTimeout = (int)QueryTimeout.TotalSeconds;
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = from });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = to });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        long messages = reader.GetInt64(0);
        double[] percentiles = reader.IsDBNull(1) ? [double.NaN, double.NaN, double.NaN] : reader.GetFieldValue<double[]>(1);
        double[] fromReceipt = reader.IsDBNull(2) ? [double.NaN, double.NaN] : reader.GetFieldValue<double[]>(2);
        return new LatencyFigures(messages, percentiles[0], percentiles[1], percentiles[2], fromReceipt[0], fromReceipt[1]);
    }

    /// <summary>
    /// Per message (as <see cref="LatencyAsync"/>), grouped by the second of device time since <paramref name="from"/>:
    /// p50, p99 and max of each of the first <paramref name="seconds"/> seconds.
    /// </summary>
    public async Task<IReadOnlyList<LatencySecond>> LatencyPerSecondAsync(DateTime from, int seconds, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = telemetry.CreateCommand(
            """
            SELECT floor(extract(epoch FROM time - $1))::int AS second, count(*),
                   percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP (ORDER BY latency), max(latency)
            FROM (SELECT DISTINCT ON (topic, time) time, extract(epoch FROM pg_xact_commit_timestamp(xmin) - time)::float8 AS latency
                  FROM iot_measurements WHERE time >= $1 AND time < $2 ORDER BY topic, time) AS messages
            GROUP BY 1 ORDER BY 1
            """);
        command.CommandTimeout = (int)QueryTimeout.TotalSeconds;
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = from });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = from + TimeSpan.FromSeconds(seconds) });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<LatencySecond>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            double[] percentiles = reader.GetFieldValue<double[]>(2);
            result.Add(new LatencySecond(reader.GetInt32(0), reader.GetInt64(1), percentiles[0], percentiles[1], reader.GetDouble(3)));
        }

        return result;
    }

    /// <summary>Rows whose device time lies in [from, to).</summary>
    public async Task<long> RowsAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = telemetry.CreateCommand("SELECT count(*) FROM iot_measurements WHERE time >= $1 AND time < $2");
        command.CommandTimeout = (int)QueryTimeout.TotalSeconds;
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = from });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = to });
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}

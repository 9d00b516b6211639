using Npgsql;

namespace F2.Harness.Accounting;

/// <summary>
/// <c>iot_measurements_hourly</c> set against the stored rows. The natural key keeps <c>iot_measurements</c> free of
/// duplicates by construction, so a redelivered batch counted twice can hide only in the rollup: per hour, device,
/// component type and pin (summed over any finer key the rollup has), its count and its count × average must equal
/// the rows' count and sum of values.
/// </summary>
/// <param name="Series">Hour and series pairs in either the rows or the rollup.</param>
/// <param name="Mismatched">Of those, the ones whose count or sum differ (or that only one side has).</param>
public sealed record HourlyRollup(long Series, long Mismatched)
{
    private const string Sql =
        """
        WITH stored AS (
          SELECT date_bin(interval '1 hour', time, timestamptz '2000-01-01 00:00:00+00') AS bucket, device_id, component_type, pin_position,
                 count(*) AS n, coalesce(sum(value), 0) AS s
          FROM iot_measurements GROUP BY 1, 2, 3, 4),
        rollup AS (
          SELECT bucket, device_id, component_type, pin_position, sum(count) AS n, coalesce(sum(avg * count), 0) AS s
          FROM iot_measurements_hourly GROUP BY 1, 2, 3, 4)
        SELECT count(*),
               count(*) FILTER (WHERE stored.n IS DISTINCT FROM rollup.n
                 OR abs(coalesce(stored.s, 0) - coalesce(rollup.s, 0)) > 1e-6 * greatest(1, abs(coalesce(stored.s, 0))))
        FROM stored FULL JOIN rollup USING (bucket, device_id, component_type, pin_position)
        """;

    public bool Matches => Mismatched == 0;

    public static async Task<HourlyRollup> ReadAsync(NpgsqlDataSource telemetry, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = telemetry.CreateCommand(Sql);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new HourlyRollup(reader.GetInt64(0), reader.GetInt64(1));
    }
}

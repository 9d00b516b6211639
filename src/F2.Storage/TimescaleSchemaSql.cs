namespace F2.Storage;

/// <summary>
/// TimescaleDB (2.x, preloaded): <c>iot_measurements</c> as a hypertable on <c>time</c> with daily chunks and its
/// <c>(time DESC)</c> index, which the aggregate's real-time part needs (see README.md); the continuous aggregate
/// <c>iot_measurements_hourly</c> keyed by hour and series (real-time, its policy refreshing every 30 minutes whatever was
/// written since, at any age); compression of chunks older than 7 days, segmented by device. Each statement runs on its
/// own (continuous aggregates cannot be created inside a transaction block); every one is idempotent.
/// </summary>
internal static class TimescaleSchemaSql
{
    private const string HourlyAggregate = "'iot_measurements_hourly'";

    /// <summary>Runs before the migrations, which read TimescaleDB's catalog.</summary>
    public const string CreateExtension = "CREATE EXTENSION IF NOT EXISTS timescaledb";

    /// <summary>Upgrades of databases an earlier version created, in order.</summary>
    public static readonly SchemaMigration[] Migrations =
    [
        new(
            "continuous aggregate keyed by series (bucket, device, connector, component type, component id, pin), recreated",
            SchemaMigration.LacksColumn("iot_measurements_hourly", "component_id"),
            "DROP MATERIALIZED VIEW iot_measurements_hourly"),
        new(
            "continuous aggregate policy refreshes rows of any age (it covered only the last 3 days)",
            $"""
            SELECT EXISTS (
              SELECT 1 FROM timescaledb_information.jobs j
              JOIN timescaledb_information.continuous_aggregates c
                ON j.hypertable_schema = c.materialization_hypertable_schema AND j.hypertable_name = c.materialization_hypertable_name
              WHERE c.view_name = {HourlyAggregate} AND j.proc_name = 'policy_refresh_continuous_aggregate'
                AND j.config -> 'start_offset' <> 'null'::jsonb)
            """,
            $"SELECT remove_continuous_aggregate_policy({HourlyAggregate})"),
    ];

    public static readonly string[] Statements =
    [
        MeasurementColumns.CreateTable,
        "SELECT create_hypertable('iot_measurements', 'time', chunk_time_interval => interval '1 day', if_not_exists => true)",
        .. MeasurementColumns.Indexes,
        $"""
        CREATE MATERIALIZED VIEW IF NOT EXISTS iot_measurements_hourly
        WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
        SELECT time_bucket(interval '1 hour', time) AS bucket, {MeasurementColumns.Series},
               count(*) AS count, min(value) AS min, max(value) AS max, avg(value) AS avg
        FROM iot_measurements
        GROUP BY bucket, {MeasurementColumns.Series}
        WITH NO DATA
        """,
        // start_offset NULL: the window reaches back to the oldest row, so a late upload or a replay of any age is
        // refreshed too; a run only recomputes the buckets written since the last one (TimescaleDB's invalidation log).
        $"""
        SELECT add_continuous_aggregate_policy({HourlyAggregate},
          start_offset => NULL, end_offset => interval '1 hour',
          schedule_interval => interval '30 minutes', if_not_exists => true)
        """,
        """
        DO $do$
        BEGIN
          IF NOT (SELECT compression_enabled FROM timescaledb_information.hypertables
                  WHERE hypertable_name = 'iot_measurements') THEN
            ALTER TABLE iot_measurements SET (timescaledb.compress,
              timescaledb.compress_segmentby = 'device_id',
              timescaledb.compress_orderby = 'topic, pin_position, time DESC');
          END IF;
        END $do$
        """,
        "SELECT add_compression_policy('iot_measurements', compress_after => interval '7 days', if_not_exists => true)",
    ];

    /// <summary>Moves the staged rows in, ignoring rows already stored; the continuous aggregate follows by itself.</summary>
    public const string InsertFromStaging = $"""
        WITH inserted AS (
          INSERT INTO iot_measurements ({MeasurementColumns.List})
          SELECT {MeasurementColumns.List} FROM f2_staging
          ON CONFLICT ({MeasurementColumns.NaturalKey}) DO NOTHING
          RETURNING 1)
        SELECT count(*) FROM inserted
        """;
}

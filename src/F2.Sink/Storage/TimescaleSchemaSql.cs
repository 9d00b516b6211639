namespace F2.Sink.Storage;

/// <summary>
/// TimescaleDB (2.x, preloaded): <c>iot_measurements</c> as a hypertable on <c>time</c> with daily chunks, the continuous
/// aggregate <c>iot_measurements_hourly</c> (real-time, refreshed every 30 minutes over the last 3 days), and
/// compression of chunks older than 7 days, segmented by device. Each statement runs on its own (continuous aggregates
/// cannot be created inside a transaction block); every one is idempotent.
/// </summary>
internal static class TimescaleSchemaSql
{
    public static readonly string[] Statements =
    [
        "CREATE EXTENSION IF NOT EXISTS timescaledb",
        MeasurementColumns.CreateTable,
        "SELECT create_hypertable('iot_measurements', 'time', chunk_time_interval => interval '1 day', if_not_exists => true)",
        .. MeasurementColumns.Indexes,
        """
        CREATE MATERIALIZED VIEW IF NOT EXISTS iot_measurements_hourly
        WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
        SELECT time_bucket(interval '1 hour', time) AS bucket, device_id, component_type, pin_position,
               count(*) AS count, min(value) AS min, max(value) AS max, avg(value) AS avg
        FROM iot_measurements
        GROUP BY bucket, device_id, component_type, pin_position
        WITH NO DATA
        """,
        """
        SELECT add_continuous_aggregate_policy('iot_measurements_hourly',
          start_offset => interval '3 days', end_offset => interval '1 hour',
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

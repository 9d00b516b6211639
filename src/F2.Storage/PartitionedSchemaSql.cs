namespace F2.Storage;

/// <summary>
/// Plain PostgreSQL (14 or later): <c>iot_measurements</c> range-partitioned by <c>time</c> into UTC days named
/// <c>iot_measurements_YYYYMMDD</c>, plus <c>iot_measurements_default</c> so a row outside every partition never fails.
/// <c>f2_ensure_measurement_partitions(days_back, days_ahead)</c> creates the missing days (moving any rows of that day
/// out of the DEFAULT partition first); the sink calls it at start-up and every <c>Sink:MaintenanceInterval</c>.
/// The hourly aggregate is the table <c>iot_measurements_hourly_state</c>, keyed by hour and series, updated by the sink
/// in the same transaction as the rows it counts, and exposed as the view <c>iot_measurements_hourly</c> (the TimescaleDB
/// layout's name).
/// </summary>
internal static class PartitionedSchemaSql
{
    /// <summary>Arbitrary key of the transaction lock that serialises partition creation ("F2PT").</summary>
    private const long PartitionLockKey = 0x4632_5054;

    private const string CreateHourlyState = $"""
        CREATE TABLE IF NOT EXISTS iot_measurements_hourly_state (
          bucket         timestamptz      NOT NULL,
          device_id      text             NOT NULL,
          connector      text             NOT NULL,
          component_type text             NOT NULL,
          component_id   text             NOT NULL,
          pin_position   integer          NOT NULL,
          row_count      bigint           NOT NULL,
          value_count    bigint           NOT NULL,
          value_sum      double precision NOT NULL,
          value_min      double precision NULL,
          value_max      double precision NULL,
          PRIMARY KEY (bucket, {MeasurementColumns.Series}))
        """;

    private const string StateColumns = $"bucket, {MeasurementColumns.Series}, row_count, value_count, value_sum, value_min, value_max";

    /// <summary>The hourly figures of the rows of <paramref name="rows"/>, in the order of <see cref="StateColumns"/>.</summary>
    private static string AddUp(string rows) => $"""
        SELECT date_bin(interval '1 hour', time, timestamptz '2000-01-01 00:00:00+00'), {MeasurementColumns.Series},
               count(*), count(value), coalesce(sum(value), 0), min(value), max(value)
        FROM {rows}
        GROUP BY 1, 2, 3, 4, 5, 6
        ORDER BY 1, 2, 3, 4, 5, 6
        """;

    /// <summary>
    /// Databases created before the rollup was keyed by series (their key was bucket, device, component type, pin):
    /// the old sums cannot be split, so the rollup is rebuilt from <c>iot_measurements</c>, with writers held off.
    /// </summary>
    public static readonly SchemaMigration[] Migrations =
    [
        new(
            "hourly rollup keyed by series (bucket, device, connector, component type, component id, pin), rebuilt from iot_measurements",
            SchemaMigration.LacksColumn("iot_measurements_hourly_state", "component_id"),
            $"""
            LOCK TABLE iot_measurements IN SHARE MODE;
            DROP VIEW IF EXISTS iot_measurements_hourly;
            DROP TABLE iot_measurements_hourly_state;
            {CreateHourlyState};
            INSERT INTO iot_measurements_hourly_state ({StateColumns})
            {AddUp("iot_measurements")}
            """),
    ];

    public static readonly string[] Statements =
    [
        MeasurementColumns.CreateTable + " PARTITION BY RANGE (time)",
        "CREATE TABLE IF NOT EXISTS iot_measurements_default PARTITION OF iot_measurements DEFAULT",
        .. MeasurementColumns.Indexes,
        CreateHourlyState,
        $"""
        CREATE OR REPLACE VIEW iot_measurements_hourly AS
        SELECT bucket, {MeasurementColumns.Series}, row_count AS count,
               value_min AS min, value_max AS max, value_sum / NULLIF(value_count, 0) AS avg
        FROM iot_measurements_hourly_state
        """,
        $$"""
        CREATE OR REPLACE FUNCTION f2_ensure_measurement_partitions(days_back integer, days_ahead integer)
        RETURNS integer LANGUAGE plpgsql AS $fn$
        DECLARE
          today   date := (now() AT TIME ZONE 'UTC')::date;
          d       date;
          low     timestamptz;
          high    timestamptz;
          partition_name text;
          created integer := 0;
        BEGIN
          PERFORM pg_advisory_xact_lock({{PartitionLockKey}});
          FOR d IN SELECT generate_series(today - days_back, today + days_ahead, interval '1 day')::date LOOP
            partition_name := 'iot_measurements_' || to_char(d, 'YYYYMMDD');
            CONTINUE WHEN to_regclass(partition_name) IS NOT NULL;
            low := d::timestamp AT TIME ZONE 'UTC';
            high := (d + 1)::timestamp AT TIME ZONE 'UTC';
            EXECUTE format('CREATE TABLE %I (LIKE iot_measurements INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', partition_name);
            EXECUTE format('WITH moved AS (DELETE FROM iot_measurements_default WHERE time >= %L AND time < %L RETURNING *) '
                           'INSERT INTO %I SELECT * FROM moved', low, high, partition_name);
            EXECUTE format('ALTER TABLE iot_measurements ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', partition_name, low, high);
            created := created + 1;
          END LOOP;
          RETURN created;
        END $fn$
        """,
    ];

    public const string EnsurePartitions = "SELECT f2_ensure_measurement_partitions(1, $1)";

    /// <summary>Moves the staged rows in, ignoring rows already stored, and adds only the inserted ones to the hourly state.</summary>
    public static readonly string InsertFromStaging = $"""
        WITH inserted AS (
          INSERT INTO iot_measurements ({MeasurementColumns.List})
          SELECT {MeasurementColumns.List} FROM f2_staging
          ON CONFLICT ({MeasurementColumns.NaturalKey}) DO NOTHING
          RETURNING time, {MeasurementColumns.Series}, value),
        hourly AS (
          INSERT INTO iot_measurements_hourly_state AS h ({StateColumns})
          {AddUp("inserted")}
          ON CONFLICT (bucket, {MeasurementColumns.Series}) DO UPDATE SET
            row_count = h.row_count + excluded.row_count,
            value_count = h.value_count + excluded.value_count,
            value_sum = h.value_sum + excluded.value_sum,
            value_min = least(h.value_min, excluded.value_min),
            value_max = greatest(h.value_max, excluded.value_max))
        SELECT count(*) FROM inserted
        """;
}

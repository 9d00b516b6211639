using F2.Integrations.Kafka;
using F2.Storage;
using F2.Tests.Infrastructure;
using F2.Tests.Sink;
using F2.Tests.Storage;

namespace F2.Tests.Timescale;

/// <summary>The TimescaleDB layout of <c>telemetrydb</c>, on a server with TimescaleDB preloaded.</summary>
[Collection(TimescaleCollection.Name)]
public sealed class TimescaleSchemaTests(TimescaleServer timescale)
{
    [Fact]
    public async Task TheSinkChoosesTheTimescaleLayoutAndStoresItsRecordsInTheHypertable()
    {
        using MockKafkaCluster kafka = SinkWorkerTests.StartKafka();
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(timescale.Postgres, applySchema: false);
        await using SinkHost sink = await SinkHost.StartAsync(kafka.BootstrapServers, database.ConnectionString);

        await DecodedTopic.ProduceAsync(kafka.BootstrapServers, DecodedTopic.DoorMessages(10, DateTime.UtcNow.Date.AddHours(-3)));

        await Poll.UntilAsync(async () => await CountOrZeroAsync(database, "SELECT count(*) FROM iot_measurements") == 20,
            TelemetryDatabase.Timeout, "the sink should store 20 rows");
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM timescaledb_information.hypertables WHERE hypertable_name = 'iot_measurements'"));
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM ONLY iot_measurements"));
        Assert.Equal(20, await database.ScalarAsync("SELECT sum(count) FROM iot_measurements_hourly"));
    }

    [Fact]
    public async Task TheHypertableHasDailyChunksANaturalKeyWithTimeAndATimeIndexForTheAggregatesRecentRows()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(timescale.Postgres);

        Assert.Equal(TelemetryLayout.Timescale, database.Layout);
        Assert.Equal(1, await database.ScalarAsync(
            """
            SELECT count(*) FROM timescaledb_information.dimensions
            WHERE hypertable_name = 'iot_measurements' AND column_name = 'time' AND time_interval = interval '1 day'
            """));
        Assert.Equal(
            ["iot_measurements_component_time|CREATE INDEX iot_measurements_component_time ON public.iot_measurements USING btree (component_type, \"time\" DESC)",
             "iot_measurements_natural_key|CREATE UNIQUE INDEX iot_measurements_natural_key ON public.iot_measurements USING btree (device_id, \"time\", topic, pin_position)",
             "iot_measurements_time_idx|CREATE INDEX iot_measurements_time_idx ON public.iot_measurements USING btree (\"time\" DESC)"],
            await database.RowsAsync("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'iot_measurements' ORDER BY 1"));
    }

    [Fact]
    public async Task TheContinuousAggregateAndCompressionExistWithTheirPolicies()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(timescale.Postgres);

        Assert.Equal(
            ["bucket", "device_id", "connector", "component_type", "component_id", "pin_position", "count", "min", "max", "avg"],
            await database.RowsAsync(
                "SELECT attname FROM pg_attribute WHERE attrelid = 'iot_measurements_hourly'::regclass AND attnum > 0 ORDER BY attnum"));
        Assert.Equal(["False"], await database.RowsAsync(
            "SELECT materialized_only FROM timescaledb_information.continuous_aggregates WHERE view_name = 'iot_measurements_hourly'"));
        Assert.Equal(["00:30:00|null|\"01:00:00\""], await database.RowsAsync(
            $"""
            SELECT schedule_interval, config -> 'start_offset', config -> 'end_offset'
            FROM timescaledb_information.jobs WHERE proc_name = '{TimescaleJobs.RefreshHourly}'
            """));
        Assert.Equal(["device_id|1|null", "topic|null|1", "pin_position|null|2", "time|null|3"], await database.RowsAsync(
            """
            SELECT attname, segmentby_column_index, orderby_column_index FROM timescaledb_information.compression_settings
            WHERE hypertable_name = 'iot_measurements' ORDER BY segmentby_column_index NULLS LAST, orderby_column_index
            """));
        Assert.Equal(["\"7 days\""], await database.RowsAsync(
            $"SELECT config -> 'compress_after' FROM timescaledb_information.jobs WHERE proc_name = '{TimescaleJobs.Compress}'"));
    }

    [Fact]
    public async Task TheSchemaAppliesTwiceAndFromTwoSinksAtOnceWithoutError()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(timescale.Postgres, applySchema: false);

        TelemetryLayout[] layouts = await database.ApplySchemaTwiceAtOnceAndAgainAsync();

        Assert.Equal([TelemetryLayout.Timescale, TelemetryLayout.Timescale, TelemetryLayout.Timescale], layouts);
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM timescaledb_information.continuous_aggregates"));
        Assert.Equal(
            [TimescaleJobs.Compress, TimescaleJobs.RefreshHourly],
            await database.RowsAsync("SELECT proc_name FROM timescaledb_information.jobs WHERE job_id >= 1000 ORDER BY 1"));
    }

    [Fact]
    public async Task ADatabaseWithTheEarlierAggregateKeyAndRefreshWindowIsUpgraded()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateEarlierAsync(timescale.Postgres, EarlierSchema);

        DateTime hour = DateTime.UtcNow.Date.AddDays(-5).AddHours(7);
        string[] expected = await database.InsertOneSensorOnTwoConnectorsAsync(hour);
        await TimescaleJobs.RunAsync(database, TimescaleJobs.RefreshHourly);

        await database.ApplySchemaAsync();
        await TimescaleJobs.RunAsync(database, TimescaleJobs.RefreshHourly);

        Assert.Equal(["null"], await database.RowsAsync(
            $"SELECT config -> 'start_offset' FROM timescaledb_information.jobs WHERE proc_name = '{TimescaleJobs.RefreshHourly}'"));
        Assert.Equal(expected, await database.RowsAsync(TelemetryDatabase.HourlyFigures));
    }

    /// <summary>What the Sink created before the rollup was keyed by series: hourly key (bucket, device, type, pin), 3-day refresh window.</summary>
    private static readonly string[] EarlierSchema =
    [
        "CREATE EXTENSION IF NOT EXISTS timescaledb",
        MeasurementColumns.CreateTable,
        "SELECT create_hypertable('iot_measurements', 'time', chunk_time_interval => interval '1 day', if_not_exists => true)",
        """
        CREATE MATERIALIZED VIEW iot_measurements_hourly
        WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
        SELECT time_bucket(interval '1 hour', time) AS bucket, device_id, component_type, pin_position,
               count(*) AS count, min(value) AS min, max(value) AS max, avg(value) AS avg
        FROM iot_measurements
        GROUP BY bucket, device_id, component_type, pin_position
        WITH NO DATA
        """,
        """
        SELECT add_continuous_aggregate_policy('iot_measurements_hourly',
          start_offset => interval '3 days', end_offset => interval '1 hour', schedule_interval => interval '30 minutes')
        """,
    ];

    private static async Task<long> CountOrZeroAsync(TelemetryDatabase database, string sql)
    {
        try
        {
            return await database.ScalarAsync(sql);
        }
        catch (Npgsql.PostgresException)
        {
            return 0;
        }
    }
}

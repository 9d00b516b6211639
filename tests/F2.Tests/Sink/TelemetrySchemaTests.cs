using F2.Storage;
using F2.Tests.Infrastructure;

namespace F2.Tests.Sink;

[Collection(PostgresCollection.Name)]
public sealed class TelemetrySchemaTests(PostgresServer postgres)
{
    private const string Partitions = """
        SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'iot_measurements'::regclass AND c.relname <> 'iot_measurements_default'
        """;

    [Fact]
    public async Task TheSchemaAppliesTwiceAndConcurrentlyWithoutErrorOnThePlainPath()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres, applySchema: false);

        TelemetryLayout[] layouts = await database.ApplySchemaTwiceAtOnceAndAgainAsync();

        Assert.Equal([TelemetryLayout.Partitioned, TelemetryLayout.Partitioned, TelemetryLayout.Partitioned], layouts);
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM pg_views WHERE viewname = 'iot_measurements_hourly'"));
    }

    [Fact]
    public async Task DailyPartitionsExistFromYesterdayToTheDaysAheadPlusADefault()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);

        DateTime today = DateTime.UtcNow.Date;
        Assert.Equal(1 + 1 + 7, await database.ScalarAsync(Partitions));
        Assert.Equal(1, await database.ScalarAsync($"SELECT count(*) FROM pg_class WHERE relname = 'iot_measurements_{today.AddDays(7):yyyyMMdd}'"));
        Assert.Equal(1, await database.ScalarAsync($"SELECT count(*) FROM pg_class WHERE relname = 'iot_measurements_{today.AddDays(-1):yyyyMMdd}'"));
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM pg_class WHERE relname = 'iot_measurements_default'"));
    }

    [Fact]
    public async Task ARowBeyondThePartitionsLandsInTheDefaultAndMovesWhenItsDayIsCreated()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        DateTime farAhead = DateTime.UtcNow.Date.AddDays(30).AddHours(5);
        new MeasurementWriter(database.DataSource, database.Layout).Write([TelemetryDatabase.SensorMessage("f2-0000000000aa", farAhead, 21.5)]);
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM iot_measurements_default"));

        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            await TelemetrySchema.EnsurePartitionsAsync(connection, 31, CancellationToken.None).WaitAsync(TelemetryDatabase.Timeout);
        }

        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM iot_measurements_default"));
        Assert.Equal(1, await database.ScalarAsync($"SELECT count(*) FROM iot_measurements_{farAhead:yyyyMMdd}"));
        Assert.Equal(1, await database.CountRowsAsync());
    }

    [Fact]
    public async Task AnHourlyRollupWithTheEarlierKeyIsRebuiltBySeriesFromTheStoredRows()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateEarlierAsync(postgres, EarlierHourlyRollup);

        DateTime hour = DateTime.UtcNow.Date.AddHours(-20);
        string[] expected = await database.InsertOneSensorOnTwoConnectorsAsync(hour);
        await database.ExecuteAsync(
            $"INSERT INTO iot_measurements_hourly_state VALUES ('{hour:yyyy-MM-dd HH}:00:00+00', 'f2-0000000000e1', 'RS485-sensor', 1, 2, 2, 40, 10, 30)");

        await database.ApplySchemaAsync();

        Assert.Equal(expected, await database.RowsAsync(TelemetryDatabase.HourlyFigures));
    }

    /// <summary>The plain layout's hourly rollup before it was keyed by series: (bucket, device, component type, pin).</summary>
    private static readonly string[] EarlierHourlyRollup =
    [
        MeasurementColumns.CreateTable + " PARTITION BY RANGE (time)",
        "CREATE TABLE iot_measurements_default PARTITION OF iot_measurements DEFAULT",
        """
        CREATE TABLE iot_measurements_hourly_state (
          bucket timestamptz NOT NULL, device_id text NOT NULL, component_type text NOT NULL, pin_position integer NOT NULL,
          row_count bigint NOT NULL, value_count bigint NOT NULL, value_sum double precision NOT NULL,
          value_min double precision NULL, value_max double precision NULL,
          PRIMARY KEY (bucket, device_id, component_type, pin_position))
        """,
        """
        CREATE VIEW iot_measurements_hourly AS
        SELECT bucket, device_id, component_type, pin_position, row_count AS count,
               value_min AS min, value_max AS max, value_sum / NULLIF(value_count, 0) AS avg
        FROM iot_measurements_hourly_state
        """,
    ];
}

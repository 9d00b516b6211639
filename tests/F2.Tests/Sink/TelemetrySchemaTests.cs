using F2.Sink.Storage;
using F2.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

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

        TelemetryLayout[] layouts = await Task.WhenAll(
            TelemetrySchema.ApplyAsync(database.DataSource, 7, NullLogger.Instance, CancellationToken.None),
            TelemetrySchema.ApplyAsync(database.DataSource, 7, NullLogger.Instance, CancellationToken.None)).WaitAsync(TelemetryDatabase.Timeout);
        TelemetryLayout again = await TelemetrySchema.ApplyAsync(database.DataSource, 7, NullLogger.Instance, CancellationToken.None)
            .WaitAsync(TelemetryDatabase.Timeout);

        Assert.All(layouts, layout => Assert.Equal(TelemetryLayout.Partitioned, layout));
        Assert.Equal(TelemetryLayout.Partitioned, again);
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
}

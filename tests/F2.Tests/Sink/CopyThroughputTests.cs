using System.Diagnostics;
using F2.Protocol;
using F2.Storage;
using F2.Tests.Infrastructure;
using Xunit.Abstractions;

namespace F2.Tests.Sink;

[Collection(PostgresCollection.Name)]
public sealed class CopyThroughputTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task ALargeBatchIsStoredWholeAndItsThroughputIsReported()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        var writer = new MeasurementWriter(database.DataSource, database.Layout);
        DateTime start = DateTime.UtcNow.Date.AddHours(8);
        DecodedMessage[] batch = [.. Enumerable.Range(0, 10_000).Select(i =>
            TelemetryDatabase.DoorMessage($"f2-{i % 500:x12}", start.AddMilliseconds(i * 37), pins: 5, sourceOffset: i))];

        long started = Stopwatch.GetTimestamp();
        WriteResult result = writer.Write(batch);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);

        output.WriteLine($"COPY + INSERT ON CONFLICT + hourly aggregate: {result.RowsInserted} rows in {elapsed.TotalSeconds:F2} s = {result.RowsInserted / elapsed.TotalSeconds:F0} rows/s");
        Assert.Equal(new WriteResult(50_000, 50_000), result);
        Assert.Equal(50_000, await database.CountRowsAsync());
        Assert.Equal(50_000, await database.ScalarAsync("SELECT sum(count) FROM iot_measurements_hourly"));
    }
}

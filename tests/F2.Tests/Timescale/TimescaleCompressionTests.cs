using F2.Protocol;
using F2.Storage;
using F2.Tests.Infrastructure;
using F2.Tests.Sink;

namespace F2.Tests.Timescale;

/// <summary>Rows written into chunks the compression policy has already compressed (late uploads, replays).</summary>
[Collection(TimescaleCollection.Name)]
public sealed class TimescaleCompressionTests(TimescaleServer timescale)
{
    [Fact]
    public async Task RedeliveredRowsIntoACompressedChunkAddNothingAndNewRowsIntoItAreStored()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(timescale.Postgres);
        var writer = new MeasurementWriter(database.DataSource, database.Layout);
        DateTime old = DateTime.UtcNow.Date.AddDays(-10).AddHours(8);
        DecodedMessage[] stored = [TelemetryDatabase.DoorMessage("f2-0000000000f1", old, pins: 3), TelemetryDatabase.SensorMessage("f2-0000000000f1", old, 21.5)];
        writer.Write(stored);
        await TimescaleJobs.RunAsync(database, TimescaleJobs.Compress);
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'iot_measurements' AND is_compressed"));

        WriteResult redelivered = writer.Write(stored);
        WriteResult late = writer.Write([TelemetryDatabase.SensorMessage("f2-0000000000f1", old.AddMinutes(5), 22.5), TelemetryDatabase.DoorMessage("f2-0000000000f2", old, pins: 2)]);

        Assert.Equal(new WriteResult(4, 0), redelivered);
        Assert.Equal(new WriteResult(3, 3), late);
        Assert.Equal(7, await database.CountRowsAsync());
        Assert.Equal(2, await database.ScalarAsync("SELECT count(*) FROM iot_measurements WHERE device_id = 'f2-0000000000f1' AND component_type = 'RS485-sensor'"));
    }
}

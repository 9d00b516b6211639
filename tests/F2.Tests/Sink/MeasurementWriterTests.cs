using F2.Protocol;
using F2.Storage;
using F2.Tests.Infrastructure;

namespace F2.Tests.Sink;

[Collection(PostgresCollection.Name)]
public sealed class MeasurementWriterTests(PostgresServer postgres)
{
    private static readonly DateTime Time = DateTime.UtcNow.Date.AddHours(9).AddMinutes(15).AddTicks(123_450);

    [Fact]
    public async Task ABatchIsWrittenAsExactlyItsRows()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        var writer = new MeasurementWriter(database.DataSource, database.Layout);
        DecodedMessage[] batch =
        [
            TelemetryDatabase.DoorMessage("f2-0000000000a1", Time, pins: 3),
            TelemetryDatabase.SensorMessage("f2-0000000000a1", Time, 21.5),
            TelemetryDatabase.ReaderMessage("f2-0000000000a2", Time, "Hello World"),
        ];

        WriteResult result = writer.Write(batch);

        Assert.Equal(new WriteResult(5, 5), result);
        Assert.Equal(5, await database.CountRowsAsync());
        Assert.Equal(1, await database.ScalarAsync(
            $"""
            SELECT count(*) FROM iot_measurements
            WHERE device_id = 'f2-0000000000a2' AND value IS NULL AND value_text = 'Hello World' AND unit = 'text'
              AND topic = 'cmnd/f2-0000000000a2/access-control-mode/J3/reader-1' AND component_id = '1' AND pin_position = 1
              AND time = '{Time:yyyy-MM-dd HH:mm:ss.ffffff}+00' AND received_at = '{Time.AddMilliseconds(20):yyyy-MM-dd HH:mm:ss.ffffff}+00'
            """));
        Assert.Equal(3, await database.ScalarAsync("SELECT count(*) FROM iot_measurements WHERE component_type = 'door-sensors' AND component_id = 'N/A'"));
    }

    [Fact]
    public async Task WritingTheSameBatchAgainAddsNoRow()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        var writer = new MeasurementWriter(database.DataSource, database.Layout);
        DecodedMessage[] batch = [TelemetryDatabase.DoorMessage("f2-0000000000b1", Time, pins: 2), TelemetryDatabase.SensorMessage("f2-0000000000b1", Time, 1)];
        writer.Write(batch);

        WriteResult again = writer.Write([.. batch, TelemetryDatabase.SensorMessage("f2-0000000000b1", Time.AddSeconds(1), 2)]);

        Assert.Equal(new WriteResult(4, 1), again);
        Assert.Equal(3, again.Duplicates);
        Assert.Equal(4, await database.CountRowsAsync());
    }

    [Fact]
    public async Task TheHourlyAggregateCountsEachStoredRowOnce()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        var writer = new MeasurementWriter(database.DataSource, database.Layout);
        DateTime hour = Time.Date.AddHours(Time.Hour);
        DecodedMessage[] first = [TelemetryDatabase.SensorMessage("f2-0000000000c1", hour.AddMinutes(1), 10), TelemetryDatabase.SensorMessage("f2-0000000000c1", hour.AddMinutes(2), 20)];
        writer.Write(first);
        writer.Write([first[1], TelemetryDatabase.SensorMessage("f2-0000000000c1", hour.AddMinutes(59), 60), TelemetryDatabase.SensorMessage("f2-0000000000c1", hour.AddHours(1), 100)]);

        const string Row = "SELECT {0} FROM iot_measurements_hourly WHERE device_id = 'f2-0000000000c1' AND component_type = 'RS485-sensor' AND pin_position = 3 AND bucket = '{1:yyyy-MM-dd HH}:00:00+00'";
        Assert.Equal(3, await database.ScalarAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Row, "count", hour)));
        Assert.Equal(10, await database.ScalarAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Row, "min", hour)));
        Assert.Equal(60, await database.ScalarAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Row, "max", hour)));
        Assert.Equal(30, await database.ScalarAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Row, "avg", hour)));
        Assert.Equal(1, await database.ScalarAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Row, "count", hour.AddHours(1))));
    }

    [Fact]
    public async Task TheHourlyAggregateCountsTextRowsWithoutANumericValue()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        new MeasurementWriter(database.DataSource, database.Layout).Write([TelemetryDatabase.ReaderMessage("f2-0000000000d1", Time, "card 42")]);

        Assert.Equal(1, await database.ScalarAsync("SELECT count FROM iot_measurements_hourly WHERE device_id = 'f2-0000000000d1'"));
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM iot_measurements_hourly WHERE device_id = 'f2-0000000000d1' AND avg IS NULL AND min IS NULL"));
    }
}

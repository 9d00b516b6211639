using F2.Protocol;
using F2.Storage;
using F2.Tests.Infrastructure;
using F2.Tests.Sink;

namespace F2.Tests.Timescale;

/// <summary>
/// One hourly truth: the plain layout's rollup (kept by the Sink) and the TimescaleDB layout's continuous aggregate give
/// the same figures for the same rows, keyed by series, however late or often the rows arrive.
/// </summary>
[Collection(TimescaleCollection.Name)]
public sealed class TimescaleHourlyRollupTests(TimescaleServer timescale, PostgresServer plain) : IClassFixture<PostgresServer>
{
    private const string Device = "f2-0000000000a9";

    /// <summary>The start of the current hour, so that rows a few minutes apart share their bucket.</summary>
    private static readonly DateTime Hour = new(DateTime.UtcNow.Ticks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, DateTimeKind.Utc);

    /// <summary>Two RS-485 sensors with the same pin on different connectors, and another component id on the same connector and pin.</summary>
    private static DecodedMessage[] Sensors(DateTime time, double value) =>
    [
        TelemetryDatabase.SensorMessage(Device, time, value, connector: "J2", sensor: 3, pin: 1),
        TelemetryDatabase.SensorMessage(Device, time, value + 100, connector: "J3", sensor: 3, pin: 1),
        TelemetryDatabase.SensorMessage(Device, time, value + 200, connector: "J2", sensor: 4, pin: 1),
    ];

    /// <summary>Recent rows, rows 5 days old (outside a 3-day refresh window) and 10 days old (in a compressed chunk).</summary>
    private static readonly DecodedMessage[] First =
    [
        .. Sensors(Hour.AddHours(-3).AddMinutes(10), 1), .. Sensors(Hour.AddHours(-3).AddMinutes(11), 2),
        .. Sensors(Hour.AddDays(-5).AddMinutes(10), 10),
        .. Sensors(Hour.AddDays(-10).AddMinutes(10), 20),
        TelemetryDatabase.DoorMessage(Device, Hour.AddHours(-2).AddMinutes(10), pins: 3),
        TelemetryDatabase.ReaderMessage(Device, Hour.AddHours(-2).AddMinutes(10), "hmac-sha256:00000000:aa"),
    ];

    /// <summary>After the policies ran: duplicates of everything, late rows into the already refreshed old hours, new rows.</summary>
    private static readonly DecodedMessage[] Second =
    [
        .. First,
        .. Sensors(Hour.AddDays(-5).AddMinutes(11), 15),
        .. Sensors(Hour.AddDays(-10).AddMinutes(11), 25),
        .. Sensors(DateTime.UtcNow.AddMinutes(-1), 3),
        TelemetryDatabase.DoorMessage(Device, Hour.AddHours(-2).AddMinutes(11), pins: 3),
    ];

    [Fact]
    public async Task BothLayoutsGiveTheSameHourlyFiguresForTheSameRowsIncludingLateAndDuplicateOnes()
    {
        await using TelemetryDatabase partitioned = await TelemetryDatabase.CreateAsync(plain);
        await using TelemetryDatabase hypertable = await TelemetryDatabase.CreateAsync(timescale.Postgres);
        Assert.Equal(TelemetryLayout.Partitioned, partitioned.Layout);
        Assert.Equal(TelemetryLayout.Timescale, hypertable.Layout);

        foreach (TelemetryDatabase database in new[] { partitioned, hypertable })
        {
            var writer = new MeasurementWriter(database.DataSource, database.Layout);
            writer.Write(First);
            if (database.Layout == TelemetryLayout.Timescale)
            {
                await TimescaleJobs.RunAsync(database, TimescaleJobs.RefreshHourly);
                await TimescaleJobs.RunAsync(database, TimescaleJobs.Compress);
            }

            writer.Write(Second);
            if (database.Layout == TelemetryLayout.Timescale)
            {
                await TimescaleJobs.RunAsync(database, TimescaleJobs.RefreshHourly);
            }
        }

        List<string> expected = await partitioned.RowsAsync(TelemetryDatabase.HourlyFigures);
        Assert.Equal(expected, await hypertable.RowsAsync(TelemetryDatabase.HourlyFigures));
        Assert.Equal(16 + 12, await hypertable.CountRowsAsync());
        Assert.Equal(16 + 12, await hypertable.ScalarAsync("SELECT sum(count) FROM iot_measurements_hourly"));
        Assert.Equal(
            ["J2|3|2|10|15|12.500000", "J2|4|2|210|215|212.500000", "J3|3|2|110|115|112.500000"],
            await hypertable.RowsAsync(
                $"""
                SELECT connector, component_id, count, min, max, round(avg::numeric, 6) FROM iot_measurements_hourly
                WHERE bucket = '{Hour.AddDays(-5):yyyy-MM-dd HH}:00:00+00' ORDER BY 1, 2
                """));
    }
}

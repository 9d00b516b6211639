using F2.Protocol;
using F2.Sink.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace F2.Tests.Sink;

/// <summary>A fresh <c>telemetrydb</c> with the schema applied, and helpers to make messages and count rows.</summary>
internal sealed class TelemetryDatabase : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private TelemetryDatabase(string connectionString, NpgsqlDataSource dataSource, TelemetryLayout layout)
    {
        ConnectionString = connectionString;
        DataSource = dataSource;
        Layout = layout;
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public TelemetryLayout Layout { get; }

    public static async Task<TelemetryDatabase> CreateAsync(PostgresServer postgres, bool applySchema = true)
    {
        string connectionString = await postgres.CreateUniqueDatabaseAsync("telemetrydb").WaitAsync(Timeout);
        NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);
        TelemetryLayout layout = applySchema
            ? await TelemetrySchema.ApplyAsync(dataSource, 7, NullLogger.Instance, CancellationToken.None).WaitAsync(Timeout)
            : TelemetryLayout.Partitioned;
        return new TelemetryDatabase(connectionString, dataSource, layout);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using NpgsqlCommand command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync().WaitAsync(Timeout), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task<long> CountRowsAsync() => ScalarAsync("SELECT count(*) FROM iot_measurements");

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    /// <summary>A door-sensor message with <paramref name="pins"/> rows (values 1, 0, 1, ...) at <paramref name="time"/>.</summary>
    public static DecodedMessage DoorMessage(string deviceId, DateTime time, int pins = 2, long sourceOffset = 0)
    {
        string topic = $"cmnd/{deviceId}/access-control-mode/J1/door-sensors";
        DecodedRow[] rows = [.. Enumerable.Range(1, pins).Select(pin => new DecodedRow(
            time, deviceId, "access-control-mode", "J1", "door-sensors", "N/A", pin, pin % 2, null, "state"))];
        return new DecodedMessage(topic, time.AddMilliseconds(20), 0, sourceOffset, rows);
    }

    /// <summary>An RS-485 reading with a numeric value.</summary>
    public static DecodedMessage SensorMessage(string deviceId, DateTime time, double value)
    {
        string topic = $"cmnd/{deviceId}/sensor-mode/J2/sensor-3";
        DecodedRow row = new(time, deviceId, "sensor-mode", "J2", "RS485-sensor", "3", 3, value, null, "celsius");
        return new DecodedMessage(topic, time.AddMilliseconds(20), 0, 0, [row]);
    }

    /// <summary>A QR reader message (text value).</summary>
    public static DecodedMessage ReaderMessage(string deviceId, DateTime time, string text)
    {
        string topic = $"cmnd/{deviceId}/access-control-mode/J3/reader-1";
        DecodedRow row = new(time, deviceId, "access-control-mode", "J3", "qr-nfc-reader", "1", 1, null, text, "text");
        return new DecodedMessage(topic, time.AddMilliseconds(20), 0, 0, [row]);
    }
}

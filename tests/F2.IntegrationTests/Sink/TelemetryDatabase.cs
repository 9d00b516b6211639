using F2.Protocol;
using F2.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace F2.Tests.Sink;

/// <summary>A fresh <c>telemetrydb</c> with the schema applied, and helpers to make messages and count rows.</summary>
internal sealed class TelemetryDatabase : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The series' hourly figures, in key order, as text (avg rounded, so both layouts' arithmetic compares equal).</summary>
    public const string HourlyFigures = """
        SELECT bucket, device_id, connector, component_type, component_id, pin_position, count, min, max, round(avg::numeric, 6)
        FROM iot_measurements_hourly ORDER BY 1, 2, 3, 4, 5, 6
        """;

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

    /// <summary>A fresh database with the schema an earlier version created (<paramref name="statements"/>) instead of today's.</summary>
    public static async Task<TelemetryDatabase> CreateEarlierAsync(PostgresServer postgres, IEnumerable<string> statements)
    {
        TelemetryDatabase database = await CreateAsync(postgres, applySchema: false);
        foreach (string statement in statements)
        {
            await database.ExecuteAsync(statement);
        }

        return database;
    }

    /// <summary>Applies the schema as the Sink does at start: by two Sinks at once, then once more; returns the three layouts.</summary>
    public async Task<TelemetryLayout[]> ApplySchemaTwiceAtOnceAndAgainAsync()
    {
        TelemetryLayout[] together = await Task.WhenAll(ApplySchemaAsync(), ApplySchemaAsync()).WaitAsync(Timeout);
        return [.. together, await ApplySchemaAsync().WaitAsync(Timeout)];
    }

    /// <summary>Applies the schema as the Sink does at start.</summary>
    public Task<TelemetryLayout> ApplySchemaAsync()
        => TelemetrySchema.ApplyAsync(DataSource, 7, NullLogger.Instance, CancellationToken.None).WaitAsync(Timeout);

    public async Task<long> ScalarAsync(string sql)
    {
        await using NpgsqlCommand command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync().WaitAsync(Timeout), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every row of <paramref name="sql"/>, its columns as invariant text joined by <c>|</c> (NULL as <c>null</c>).</summary>
    public async Task<List<string>> RowsAsync(string sql)
    {
        await using NpgsqlCommand command = DataSource.CreateCommand(sql);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync().WaitAsync(Timeout);
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(column => reader.IsDBNull(column)
                ? "null"
                : Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using NpgsqlCommand command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync().WaitAsync(Timeout);
    }

    /// <summary>
    /// For tests of an earlier schema (no writer of today's): inserts RS-485 sensor 3, pin 1, on J2 (value 10) and on J3
    /// (value 30) at <paramref name="hour"/> plus 10 minutes, and returns their two series as <see cref="HourlyFigures"/> gives them.
    /// </summary>
    public async Task<string[]> InsertOneSensorOnTwoConnectorsAsync(DateTime hour)
    {
        string[] connectors = ["J2", "J3"];
        await ExecuteAsync(
            $"INSERT INTO iot_measurements ({MeasurementColumns.List}) VALUES " + string.Join(", ", connectors.Select((connector, i) =>
                $"('{hour:yyyy-MM-dd HH}:10:00+00', 'f2-0000000000e1', 'sensor-mode', '{connector}', 'RS485-sensor', '3', 1, {10 + (20 * i)}, NULL, 'celsius', 'cmnd/f2-0000000000e1/sensor-mode/{connector}/sensor-3', now())")));
        return [.. connectors.Select((connector, i) =>
            $"{hour:MM/dd/yyyy HH}:00:00|f2-0000000000e1|{connector}|RS485-sensor|3|1|1|{10 + (20 * i)}|{10 + (20 * i)}|{10 + (20 * i)}.000000")];
    }

    /// <summary>
    /// Makes every insert into <paramref name="table"/> fail with a serialization failure (an error the stages retry):
    /// at the insert, or after the rows went in, at COMMIT (<paramref name="atCommit"/>, a deferred constraint trigger).
    /// Each refusal is counted in a sequence, which no rollback undoes (<see cref="RefusedAsync"/>) until <see cref="AcceptInsertsAsync"/>.
    /// </summary>
    public Task RefuseInsertsAsync(string table, bool atCommit) => ExecuteAsync(
        $"""
        CREATE SEQUENCE refused_{table};
        CREATE FUNCTION refuse_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM nextval('refused_{table}');
          RAISE EXCEPTION 'refused' USING ERRCODE = 'serialization_failure';
        END $$;
        {(atCommit
            ? $"CREATE CONSTRAINT TRIGGER refuse_{table} AFTER INSERT ON {table} DEFERRABLE INITIALLY DEFERRED"
            : $"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table}")} FOR EACH ROW EXECUTE FUNCTION refuse_{table}();
        """);

    /// <summary>How many inserts <see cref="RefuseInsertsAsync"/> has refused so far.</summary>
    public Task<long> RefusedAsync(string table) => ScalarAsync($"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM refused_{table}");

    public Task AcceptInsertsAsync(string table) => ExecuteAsync($"DROP TRIGGER refuse_{table} ON {table}");

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

    /// <summary>An RS-485 reading with a numeric value, of sensor <paramref name="sensor"/> on <paramref name="connector"/>.</summary>
    public static DecodedMessage SensorMessage(string deviceId, DateTime time, double value, string connector = "J2", int sensor = 3, int pin = 3)
    {
        string topic = $"cmnd/{deviceId}/sensor-mode/{connector}/sensor-{sensor}";
        DecodedRow row = new(time, deviceId, "sensor-mode", connector, "RS485-sensor", sensor.ToString(System.Globalization.CultureInfo.InvariantCulture), pin, value, null, "celsius");
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

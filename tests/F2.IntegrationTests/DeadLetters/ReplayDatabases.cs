using F2.Integrations.DeviceParameters;
using F2.Protocol;
using F2.Storage;
using F2.Storage.DeadLetters;
using F2.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace F2.Tests.DeadLetters;

/// <summary>A fresh devicedb and telemetrydb (schema applied as the Sink does), and the configuration the replay command reads.</summary>
internal sealed class ReplayDatabases : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private ReplayDatabases(string devicedb, string telemetrydb)
    {
        DeviceDb = devicedb;
        TelemetryDb = telemetrydb;
        Telemetry = NpgsqlDataSource.Create(telemetrydb);
    }

    public string DeviceDb { get; }

    public string TelemetryDb { get; }

    public NpgsqlDataSource Telemetry { get; }

    public static async Task<ReplayDatabases> CreateAsync(PostgresServer postgres)
    {
        var databases = new ReplayDatabases(
            await postgres.CreateUniqueDatabaseAsync("devicedb").WaitAsync(Timeout),
            await postgres.CreateUniqueDatabaseAsync("telemetrydb").WaitAsync(Timeout));
        await TelemetrySchema.ApplyAsync(databases.Telemetry, 7, NullLogger.Instance, CancellationToken.None).WaitAsync(Timeout);
        return databases;
    }

    /// <summary>The settings of <c>deadletters replay</c>, as the operator's environment gives them.</summary>
    public IConfiguration Configuration() => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:devicedb"] = DeviceDb,
        ["ConnectionStrings:telemetrydb"] = TelemetryDb,
        [TestReaderKey.Setting.Key] = TestReaderKey.Base64,
    }).Build();

    public async Task LoadParametersAsync(params DeviceParameter[] rows)
    {
        await using var dataSource = NpgsqlDataSource.Create(DeviceDb);
        var store = new DeviceParameterStore(dataSource);
        await store.EnsureSchemaAsync().WaitAsync(Timeout);
        await store.UpsertAsync(rows).WaitAsync(Timeout);
    }

    /// <summary>Keeps Decoder dead letters of <paramref name="reason"/>, one per payload, all on <paramref name="topic"/>.</summary>
    public void KeepDecoderDeadLetters(string topic, string deviceId, string reason, IEnumerable<byte[]> payloads, int firstOffset = 0)
    {
        int offset = firstOffset;
        new DeadLetterStore(Telemetry).Insert([.. payloads.Select(payload => new KeptDeadLetter
        {
            Source = new SourceCoordinates("raw_iot_data", 0, offset++),
            Stage = StageNames.Decoder,
            Reason = reason,
            DeviceId = deviceId,
            MqttTopic = topic,
            ReceivedAt = StrikeMessages.Start.AddSeconds(1),
            Payload = payload,
            DeadLetteredAt = DateTime.UtcNow,
        })]);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = Telemetry.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync().WaitAsync(Timeout), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every row of <c>iot_measurements</c> as (device, time, value, value_text), in that order.</summary>
    public Task<List<(string Device, DateTime Time, double? Value, string? Text)>> RowsAsync() => RowsAsync(Telemetry, null);

    /// <summary>The rows of <paramref name="deviceId"/> (null: all) in <paramref name="telemetry"/>'s <c>iot_measurements</c>.</summary>
    public static async Task<List<(string Device, DateTime Time, double? Value, string? Text)>> RowsAsync(NpgsqlDataSource telemetry, string? deviceId)
    {
        await using var command = telemetry.CreateCommand(
            "SELECT device_id, time, value, value_text FROM iot_measurements WHERE $1::text IS NULL OR device_id = $1 ORDER BY device_id, time, pin_position");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)deviceId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync().WaitAsync(Timeout);
        var rows = new List<(string, DateTime, double?, string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetFieldValue<DateTime>(1), reader.IsDBNull(2) ? null : reader.GetDouble(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return rows;
    }

    public async ValueTask DisposeAsync() => await Telemetry.DisposeAsync();
}

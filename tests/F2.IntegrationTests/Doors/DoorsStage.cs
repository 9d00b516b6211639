using F2.DevKafka;
using F2.Tests.EndToEnd;
using F2.Tests.Sink;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace F2.Tests.Doors;

/// <summary>
/// The door stage in-process against a fresh devicedb and telemetrydb and its own Kafka stand-in, with helpers to read
/// what it wrote.
/// </summary>
internal sealed class DoorsStage : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private ServiceHost? _host;

    private DoorsStage(MockKafkaCluster kafka, string devicedb, string telemetrydb)
    {
        Kafka = kafka;
        DeviceDb = devicedb;
        TelemetryDb = telemetrydb;
        Telemetry = NpgsqlDataSource.Create(telemetrydb);
    }

    public MockKafkaCluster Kafka { get; }

    public string DeviceDb { get; }

    public string TelemetryDb { get; }

    public NpgsqlDataSource Telemetry { get; }

    /// <summary>The running stage's services.</summary>
    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The stage is not running.");

    public static async Task<DoorsStage> CreateAsync(PostgresServer postgres)
    {
        MockKafkaCluster kafka = SinkWorkerTests.StartKafka();
        string devicedb = await postgres.CreateUniqueDatabaseAsync("devicedb").WaitAsync(Timeout);
        string telemetrydb = await postgres.CreateUniqueDatabaseAsync("telemetrydb").WaitAsync(Timeout);
        return new DoorsStage(kafka, devicedb, telemetrydb);
    }

    /// <summary>The settings the stage runs with (fallback off unless given), as its environment would give them.</summary>
    public Dictionary<string, string?> Settings(TimeSpan silenceFallback = default, string group = "f2-doors", TimeSpan? settingsRefresh = null) => new()
    {
        ["Doors:SettingsRefresh"] = (settingsRefresh ?? TimeSpan.FromMinutes(1)).ToString("c"),
        ["ConnectionStrings:kafka"] = Kafka.BootstrapServers,
        ["ConnectionStrings:devicedb"] = DeviceDb,
        ["ConnectionStrings:telemetrydb"] = TelemetryDb,
        ["Kafka:ConsumerSessionTimeout"] = "00:00:02",
        ["Kafka:ConsumerFetchWait"] = MockKafkaCluster.ClientFetchWait,
        ["Doors:Linger"] = "00:00:00.050",
        ["Doors:BatchSize"] = "50",
        ["Doors:SilenceFallback"] = silenceFallback.ToString("c"),
        ["Doors:ConsumerGroup"] = group,
    };

    public async Task StartAsync(
        TimeSpan silenceFallback = default, string group = "f2-doors", TimeSpan? settingsRefresh = null, Action<IServiceCollection>? services = null)
    {
        _host = await ServiceHost.StartAsync(Settings(silenceFallback, group, settingsRefresh), builder => builder.AddDoors(), services);
    }

    public async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }
    }

    /// <summary>The messages the group has stored as processed (the offsets kept with the door state), summed.</summary>
    public Task<long> ProcessedAsync(string group = "f2-doors") => ProcessedAsync(Telemetry, group);

    /// <summary>Every row of <c>door_events</c>, rendered like the vectors' events, in the spec's order.</summary>
    public Task<List<string>> EventsAsync() => EventsAsync(Telemetry);

    public static async Task<long> ProcessedAsync(NpgsqlDataSource telemetry, string group = "f2-doors")
    {
        await using NpgsqlCommand command = telemetry.CreateCommand(
            "SELECT coalesce(sum(next_offset), 0) FROM door_offsets WHERE consumer_group = @group");
        command.Parameters.AddWithValue("group", group);
        try
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync().WaitAsync(Timeout), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    public static async Task<List<string>> EventsAsync(NpgsqlDataSource telemetry)
    {
        await using NpgsqlCommand command = telemetry.CreateCommand(
            """
            SELECT event_id, time, device_id, door, event_type, credential, cause_time, details::text
            FROM door_events ORDER BY time, device_id COLLATE "C", door, event_type COLLATE "C"
            """);
        var events = new List<string>();
        try
        {
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync().WaitAsync(Timeout);
            while (await reader.ReadAsync())
            {
                events.Add(DoorEventVector.Render(
                    reader.GetString(0), reader.GetDateTime(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetDateTime(6), reader.GetString(7)));
            }
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // Not created yet.
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Telemetry.DisposeAsync();
        Kafka.Dispose();
    }
}

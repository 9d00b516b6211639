using Confluent.Kafka;
using F2.DevKafka;
using F2.Integrations.DeviceParameters;
using F2.Ingest;
using F2.Protocol;
using F2.Storage;
using F2.Tests.Infrastructure;
using F2.Tests.Storage;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace F2.Tests.EndToEnd;

/// <summary>
/// The whole pipeline in one test process: Mosquitto and PostgreSQL (fixtures), the Kafka stand-in, and the Ingest,
/// Decoder and Sink hosts, each with its own configuration.
/// </summary>
internal sealed class PipelineRun : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Partitions of each pipeline topic.</summary>
    public const int Partitions = 3;

    private readonly List<ServiceHost> _services = [];

    private PipelineRun(MockKafkaCluster kafka, string devicedb, string telemetrydb)
    {
        Kafka = kafka;
        DeviceDb = devicedb;
        TelemetryDb = telemetrydb;
        Telemetry = NpgsqlDataSource.Create(telemetrydb);
    }

    public MockKafkaCluster Kafka { get; }

    /// <summary>The connection strings of the run's databases, for the operator's commands (<c>params</c>, <c>deadletters</c>).</summary>
    public string DeviceDb { get; }

    public string TelemetryDb { get; }

    public NpgsqlDataSource Telemetry { get; }

    /// <summary>The running services: (Doors,) Sink, Decoder, Ingest.</summary>
    public IReadOnlyList<ServiceHost> Services => _services;

    /// <summary>
    /// Starts everything with <paramref name="parameters"/> in <c>device_parameters</c> and the Decoder hashing reader
    /// texts with <paramref name="readerKeyBase64"/> (default: <see cref="TestReaderKey"/>), and the door stage too when
    /// <paramref name="withDoors"/> (its wall-clock fallback off, the Decoder with <c>Privacy:ReaderData=Plain</c>, as the
    /// door vectors are written); returns once Ingest has subscribed.
    /// </summary>
    public static async Task<PipelineRun> StartAsync(
        MosquittoServer mosquitto, PostgresServer postgres, IReadOnlyCollection<DeviceParameter> parameters,
        string? readerKeyBase64 = null, bool withDoors = false)
    {
        var kafka = MockKafkaCluster.Start();
        kafka.CreatePipelineTopics(Partitions);
        kafka.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        string devicedb = await postgres.CreateUniqueDatabaseAsync("devicedb").WaitAsync(Timeout);
        string telemetrydb = await postgres.CreateUniqueDatabaseAsync("telemetrydb").WaitAsync(Timeout);
        await using (var deviceData = NpgsqlDataSource.Create(devicedb))
        {
            var store = new DeviceParameterStore(deviceData);
            await store.EnsureSchemaAsync().WaitAsync(Timeout);
            await store.ReplaceAllAsync(parameters).WaitAsync(Timeout);
        }

        var run = new PipelineRun(kafka, devicedb, telemetrydb);
        var kafkaSettings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = kafka.BootstrapServers,
            ["Kafka:ConsumerSessionTimeout"] = "00:00:02",
        };
        if (withDoors)
        {
            run._services.Add(await ServiceHost.StartAsync(
                With(kafkaSettings, ("ConnectionStrings:telemetrydb", telemetrydb), ("ConnectionStrings:devicedb", devicedb),
                    ("Doors:Linger", "00:00:00.050"), ("Doors:SilenceFallback", "00:00:00")),
                builder => builder.AddDoors()));
        }

        var sink = await ServiceHost.StartAsync(
            With(kafkaSettings, ("ConnectionStrings:telemetrydb", telemetrydb), ("Sink:Linger", "00:00:00.050")),
            builder => builder.AddSink());
        run._services.Add(sink);

        // The Sink applies the telemetry schema in the background: tests read iot_measurements only once it is there.
        await sink.Get<TelemetrySchemaState>().WhenApplied.WaitAsync(Timeout);
        run._services.Add(await ServiceHost.StartAsync(
            With(kafkaSettings, ("ConnectionStrings:devicedb", devicedb), ("Decoder:CommitInterval", "00:00:00.100"),
                (TestReaderKey.Setting.Key, readerKeyBase64 ?? TestReaderKey.Base64),
                ("Privacy:ReaderData", withDoors ? "Plain" : "Hmac")),
            builder => builder.AddDecoder()));
        var ingest = await ServiceHost.StartAsync(
            With(kafkaSettings, ("ConnectionStrings:mqtt", mosquitto.ConnectionString), ("Ingest:ClientId", "f2-ingest-e2e-" + Guid.NewGuid().ToString("N")[..8])),
            builder => builder.AddIngest());
        run._services.Add(ingest);
        var status = ingest.Get<IngestStatus>();
        await Poll.UntilAsync(() => Task.FromResult(status.MqttConnected), Timeout, "Ingest never subscribed");
        return run;
    }

    /// <summary>True once the sink has committed every record of <c>decoded_iot_data</c> and that topic holds <paramref name="decoded"/> records.</summary>
    public bool SinkHasCaughtUp(long decoded)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = Kafka.BootstrapServers, GroupId = "f2-sink" }).Build();
        var partitions = Enumerable.Range(0, Partitions).Select(partition => new TopicPartition(KafkaTopics.Decoded, partition)).ToList();
        long high = partitions.Sum(partition => consumer.QueryWatermarkOffsets(partition, Timeout).High.Value);
        long committed = consumer.Committed(partitions, Timeout).Sum(offset => Math.Max(0, offset.Offset.Value));
        return high == decoded && committed == high;
    }

    public async ValueTask DisposeAsync()
    {
        // Upstream first, so that nothing is left half-way when the next stage stops.
        for (int i = _services.Count - 1; i >= 0; i--)
        {
            await _services[i].DisposeAsync();
        }

        await Telemetry.DisposeAsync();
        Kafka.Dispose();
    }

    private static Dictionary<string, string?> With(Dictionary<string, string?> common, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>(common);
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return all;
    }
}

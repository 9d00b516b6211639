using System.Net;
using F2.DevKafka;
using F2.Harness.Load;
using F2.Integrations.DeviceParameters;
using F2.Testing;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace F2.Harness.Pipeline;

/// <summary>
/// What the services connect to, for one run: a fresh Mosquitto (persistence, large queues), the development Kafka
/// stand-in (librdkafka mock cluster) in this process with the pipeline topics, fresh <c>devicedb</c> and
/// <c>telemetrydb</c> databases on a shared PostgreSQL with the load's device parameters, and a
/// <see cref="TcpForwarder"/> in front of PostgreSQL through which the Decoder reaches <c>devicedb</c>, so that the
/// harness can cut that path alone.
/// </summary>
public sealed class PipelineInfrastructure : IAsyncDisposable
{
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(60);

    private PipelineInfrastructure(PostgresServer postgres, MosquittoServer mosquitto, MockKafkaCluster kafka)
    {
        Postgres = postgres;
        Mosquitto = mosquitto;
        Kafka = kafka;
    }

    public PostgresServer Postgres { get; }

    public MosquittoServer Mosquitto { get; }

    public MockKafkaCluster Kafka { get; }

    /// <summary>The Decoder's path to <c>devicedb</c>.</summary>
    public TcpForwarder DeviceDbPath { get; private set; } = null!;

    public NpgsqlDataSource Telemetry { get; private set; } = null!;

    public PipelineEndpoints Endpoints { get; private set; } = null!;

    public static async Task<PipelineInfrastructure> StartAsync(
        PostgresServer postgres, PipelineShape shape, LoadDevices devices, ILogger logger, CancellationToken cancellationToken)
    {
        var mosquitto = new MosquittoServer();
        await mosquitto.InitializeAsync().WaitAsync(SetupTimeout, cancellationToken).ConfigureAwait(false);
        MockKafkaCluster kafka = MockKafkaCluster.Start(shape.Brokers, logger);
        var infrastructure = new PipelineInfrastructure(postgres, mosquitto, kafka);
        try
        {
            kafka.CreatePipelineTopics(shape.Partitions);
            kafka.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
            string deviceDb = await postgres.CreateUniqueDatabaseAsync("devicedb").WaitAsync(SetupTimeout, cancellationToken).ConfigureAwait(false);
            string telemetryDb = await postgres.CreateUniqueDatabaseAsync("telemetrydb").WaitAsync(SetupTimeout, cancellationToken).ConfigureAwait(false);
            await using (NpgsqlDataSource deviceData = NpgsqlDataSource.Create(deviceDb))
            {
                var store = new DeviceParameterStore(deviceData);
                await store.EnsureSchemaAsync(cancellationToken).WaitAsync(SetupTimeout, cancellationToken).ConfigureAwait(false);
                await store.ReplaceAllAsync([.. devices.Parameters()], cancellationToken).WaitAsync(SetupTimeout, cancellationToken).ConfigureAwait(false);
            }

            infrastructure.DeviceDbPath = TcpForwarder.Start(
                new IPEndPoint(IPAddress.Loopback, 0), new IPEndPoint(IPAddress.Loopback, postgres.Port), maxConnections: 64, logger);
            var viaForwarder = new NpgsqlConnectionStringBuilder(deviceDb) { Port = infrastructure.DeviceDbPath.ListenEndPoint.Port };
            infrastructure.Telemetry = NpgsqlDataSource.Create(telemetryDb);
            infrastructure.Endpoints = new PipelineEndpoints(kafka.BootstrapServers, mosquitto.ConnectionString, viaForwarder.ConnectionString, telemetryDb);
            return infrastructure;
        }
        catch
        {
            await infrastructure.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (DeviceDbPath is not null)
        {
            await DeviceDbPath.DisposeAsync().ConfigureAwait(false);
        }

        if (Telemetry is not null)
        {
            await Telemetry.DisposeAsync().ConfigureAwait(false);
        }

        Kafka.Dispose();
        await Mosquitto.DisposeAsync().ConfigureAwait(false);
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using F2.DevKafka;
using Microsoft.Extensions.Logging;

namespace F2.Harness.Pipeline;

/// <summary>
/// The pipeline's services as child processes on this machine: one Ingest, <see cref="PipelineShape.DecoderReplicas"/>
/// Decoders and <see cref="PipelineShape.SinkReplicas"/> Sinks, named <c>ingest-1</c>, <c>decoder-1</c>, ...,
/// configured only through environment variables (connection strings, <c>Kafka__ConsumerFetchWait</c>, ...).
/// Each has a free health port and a log file in <see cref="LogDirectory"/>. Reusable by any harness or benchmark
/// that needs the real processes: give it endpoints, a shape and the built binaries.
/// </summary>
public sealed class PipelineProcesses : IAsyncDisposable
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly List<ServiceProcess> _services = [];
    private readonly ILogger _logger;

    public PipelineProcesses(ServiceBinaries binaries, PipelineEndpoints endpoints, PipelineShape shape, string logDirectory, ILogger logger)
    {
        LogDirectory = logDirectory;
        _logger = logger;
        Directory.CreateDirectory(logDirectory);
        Add(binaries, ServiceKind.Sink, shape.SinkReplicas, endpoints, shape);
        Add(binaries, ServiceKind.Decoder, shape.DecoderReplicas, endpoints, shape);
        Add(binaries, ServiceKind.Ingest, 1, endpoints, shape);
    }

    public string LogDirectory { get; }

    public IReadOnlyList<ServiceProcess> Services => _services;

    public ServiceProcess this[string name] => _services.Single(service => service.Name == name);

    /// <summary>Starts every service downstream first (Sink, Decoder, Ingest) and waits until all are healthy.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (ServiceKind kind in new[] { ServiceKind.Sink, ServiceKind.Decoder, ServiceKind.Ingest })
        {
            ServiceProcess[] ofKind = [.. _services.Where(service => service.Kind == kind)];
            foreach (ServiceProcess service in ofKind)
            {
                service.Start();
            }

            await Task.WhenAll(ofKind.Select(service => service.WaitHealthyAsync(HealthTimeout, cancellationToken))).ConfigureAwait(false);
        }
    }

    /// <summary>kill -9 of one service, then (unless <paramref name="restart"/> is false) a new process in its place.</summary>
    public async Task KillAsync(string name, bool restart)
    {
        ServiceProcess service = this[name];
        await service.KillAsync().ConfigureAwait(false);
        if (restart)
        {
            service.Start();
        }
    }

    /// <summary>Samples memory and CPU of every running service.</summary>
    public void Sample()
    {
        foreach (ServiceProcess service in _services)
        {
            service.Sample();
        }
    }

    /// <summary>Names of services that are not running although they should (not killed on purpose).</summary>
    public IEnumerable<ServiceProcess> Exited() => _services.Where(service => service.Starts > 0 && !service.IsRunning);

    public async ValueTask DisposeAsync()
    {
        // Upstream first, so that nothing is left half-way when the next stage stops.
        for (int i = _services.Count - 1; i >= 0; i--)
        {
            await _services[i].StopAsync(StopTimeout).ConfigureAwait(false);
        }

        foreach (ServiceProcess service in _services)
        {
            await service.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Add(ServiceBinaries binaries, ServiceKind kind, int replicas, PipelineEndpoints endpoints, PipelineShape shape)
    {
        for (int replica = 1; replica <= replicas; replica++)
        {
            string name = string.Create(CultureInfo.InvariantCulture, $"{kind.ToString().ToLowerInvariant()}-{replica}");
            _services.Add(new ServiceProcess(
                name, kind, binaries.PathOf(kind), FreePort(), Environment(kind, endpoints, shape),
                Path.Combine(LogDirectory, name + ".log"), _logger));
        }
    }

    /// <summary>The reader key of this run's Decoders (<c>Privacy:ReaderKey</c>): random, like the AppHost's generated one.</summary>
    private static readonly string ReaderKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(F2.Protocol.Privacy.ReaderKey.MinimumBytes));

    private static Dictionary<string, string> Environment(ServiceKind kind, PipelineEndpoints endpoints, PipelineShape shape)
    {
        var settings = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ConnectionStrings:kafka"] = endpoints.Kafka,
            ["Kafka:ConsumerFetchWait"] = MockKafkaCluster.ClientFetchWait,
            ["Kafka:ConsumerSessionTimeout"] = MockKafkaCluster.ClientSessionTimeout,
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning", // not a line per health probe
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
        };
        switch (kind)
        {
            case ServiceKind.Ingest:
                settings["ConnectionStrings:mqtt"] = endpoints.Mqtt;
                break;
            case ServiceKind.Decoder:
                settings["ConnectionStrings:devicedb"] = endpoints.DeviceDb;
                settings["Privacy:ReaderKey"] = ReaderKey;
                break;
            case ServiceKind.Sink:
                settings["ConnectionStrings:telemetrydb"] = endpoints.TelemetryDb;
                if (shape.SinkBatchSize is int batchSize)
                {
                    settings["Sink:BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture);
                }

                break;
        }

        foreach ((string key, string value) in shape.Settings)
        {
            settings[key] = value;
        }

        // Configuration keys as environment variables: ':' becomes '__'.
        return settings.ToDictionary(entry => entry.Key.Replace(":", "__", StringComparison.Ordinal), entry => entry.Value);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

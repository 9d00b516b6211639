using System.Net;
using F2.Protocol;
using Microsoft.Extensions.Options;

namespace F2.DevKafka;

/// <summary>
/// Runs the development Kafka stand-in for the host's lifetime: the librdkafka mock cluster with the pipeline
/// topics, and (when <see cref="DevKafkaOptions.Port"/> is set) the forwarder that gives it a fixed bootstrap port.
/// Start fails the host if the cluster cannot start or the port is taken.
/// </summary>
public sealed class DevKafkaStandIn(IOptions<DevKafkaOptions> options, ILogger<DevKafkaStandIn> logger) : IHostedService, IAsyncDisposable
{
    private readonly DevKafkaOptions _options = options.Value;
    private MockKafkaCluster? _cluster;
    private TcpForwarder? _forwarder;

    /// <summary>What clients put in <c>bootstrap.servers</c>: the forwarder's endpoint, or the brokers' own.</summary>
    public string? BootstrapServers => _forwarder is { } forwarder
        ? $"{forwarder.ListenEndPoint.Address}:{forwarder.ListenEndPoint.Port}"
        : _cluster?.BootstrapServers;

    public MockKafkaCluster? Cluster => _cluster;

    public TcpForwarder? Forwarder => _forwarder;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _cluster = MockKafkaCluster.Start(_options.BrokerCount, logger);
        _cluster.CreatePipelineTopics(_options.PartitionsPerTopic);
        _cluster.SetGroupInitialRebalanceDelay(_options.GroupInitialRebalanceDelay);
        Log.StandInStarted(logger, _options.BrokerCount, _cluster.BootstrapServers,
            string.Join(", ", KafkaTopics.All), _options.PartitionsPerTopic);

        if (_options.Port is int port)
        {
            IPEndPoint firstBroker = IPEndPoint.Parse(_cluster.BootstrapServers.Split(',')[0]);
            _forwarder = TcpForwarder.Start(
                new IPEndPoint(IPAddress.Parse(_options.BindAddress), port), firstBroker, _options.MaxForwardedConnections, logger);
            Log.ForwarderListening(logger, _forwarder.ListenEndPoint, firstBroker);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_forwarder is { } forwarder)
        {
            _forwarder = null;
            await forwarder.DisposeAsync().ConfigureAwait(false);
        }

        if (_cluster is { } cluster)
        {
            _cluster = null;
            cluster.Dispose();
            Log.StandInStopped(logger);
        }
    }
}

using System.Threading.Channels;
using F2.Simulator.Generation;
using MQTTnet;
using MQTTnet.Protocol;

namespace F2.Simulator.Publishing;

/// <summary>
/// Publishes a stream of messages over several MQTT connections with many publishes in flight on each (bounded by
/// <see cref="SimulatorOptions.MaxInFlight"/>): one awaited publish loop per in-flight slot, all reading the same channel.
/// </summary>
internal sealed class MqttPublisher : IDisposable
{
    private readonly PublisherConnection[] _connections;
    private readonly int _maxInFlight;

    private MqttPublisher(PublisherConnection[] connections, int maxInFlight)
    {
        _connections = connections;
        _maxInFlight = maxInFlight;
    }

    /// <summary>Connects every connection (with retries); null when any of them cannot connect at all.</summary>
    public static async Task<MqttPublisher?> ConnectAsync(
        Func<string, MqttClientOptions> optionsForClient,
        SimulatorOptions options,
        SimulatorTelemetry telemetry,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        string run = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()));
        var qos = (MqttQualityOfServiceLevel)options.Qos;
        PublisherConnection[] connections =
        [
            .. Enumerable.Range(1, options.Connections)
                .Select(i => new PublisherConnection(optionsForClient($"f2-sim-{run}-{i}"), qos, telemetry, logger)),
        ];
        var publisher = new MqttPublisher(connections, options.MaxInFlight);
        bool[] connected = await Task.WhenAll(connections.Select(c =>
            c.ConnectAsync(options.ConnectAttempts, options.ConnectRetryDelay, cancellationToken))).ConfigureAwait(false);
        if (connected.All(ok => ok))
        {
            return publisher;
        }

        publisher.Dispose();
        return null;
    }

    /// <summary>Publishes everything the channel yields until it completes (or the token is cancelled).</summary>
    public Task RunAsync(ChannelReader<SimulatedMessage> messages, CancellationToken cancellationToken) =>
        Task.WhenAll(_connections.SelectMany(connection =>
            Enumerable.Range(0, _maxInFlight).Select(_ => PublishLoopAsync(connection, messages, cancellationToken))));

    public Task DisconnectAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_connections.Select(c => c.DisconnectAsync(cancellationToken)));

    public void Dispose()
    {
        foreach (PublisherConnection connection in _connections)
        {
            connection.Dispose();
        }
    }

    private static async Task PublishLoopAsync(PublisherConnection connection, ChannelReader<SimulatedMessage> messages, CancellationToken cancellationToken)
    {
        while (await messages.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (messages.TryRead(out SimulatedMessage message))
            {
                await connection.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

using System.Threading.Channels;
using F2.Simulator.Generation;
using MQTTnet;
using MQTTnet.Protocol;

namespace F2.Simulator.Publishing;

/// <summary>
/// Publishes a stream of messages over several MQTT connections with many publishes in flight on each (bounded by
/// <see cref="SimulatorOptions.MaxInFlight"/> and, at QoS 1 and 2, by the broker's Receive Maximum): one awaited
/// publish loop per in-flight slot, all reading the same channel.
/// </summary>
internal sealed class MqttPublisher : IDisposable
{
    private readonly PublisherConnection[] _connections;
    private readonly int _maxInFlight;
    private readonly bool _acknowledged;

    private MqttPublisher(PublisherConnection[] connections, int maxInFlight, bool acknowledged)
    {
        _connections = connections;
        _maxInFlight = maxInFlight;
        _acknowledged = acknowledged;
    }

    /// <summary>Publishes in flight per connection: the configured bound, within the broker's Receive Maximum.</summary>
    public int InFlightPerConnection => _acknowledged
        ? Math.Min(_maxInFlight, _connections.Min(c => c.ReceiveMaximum))
        : _maxInFlight;

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
        var publisher = new MqttPublisher(connections, options.MaxInFlight, qos != MqttQualityOfServiceLevel.AtMostOnce);
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
            Enumerable.Range(0, InFlightPerConnection).Select(_ => PublishLoopAsync(connection, messages, cancellationToken))));

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

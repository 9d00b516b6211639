using System.Diagnostics;
using F2.Integrations.Mqtt;
using MQTTnet;

namespace F2.Harness.Benchmark;

/// <summary>
/// The MQTT ceiling: a QoS 1 subscriber to <c>cmnd/+/#</c> that does nothing but count, acknowledging each message
/// as soon as its handler returns (MQTTnet's automatic acknowledgement). It uses Ingest's client stack (MQTTnet 5,
/// MQTT v5, the same receive maximum and the buffered reads of <see cref="ReadBufferedStreamProvider"/>), so the
/// ratio of Ingest's rate to this one measures what Ingest's own work costs.
/// </summary>
public sealed class BareSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private long _received;

    private BareSubscriber()
    {
        _client.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref _received);
            return Task.CompletedTask;
        };
    }

    public long Received => Interlocked.Read(ref _received);

    public static async Task<BareSubscriber> ConnectAsync(string connectionString, ushort receiveMaximum, CancellationToken cancellationToken)
    {
        var subscriber = new BareSubscriber();
        MqttClientOptions options = MqttClientOptionsFactory
            .CreateBuilder(MqttConnectionString.Parse(connectionString), "f2-benchmark-bare-" + Environment.ProcessId)
            .WithCleanStart(true)
            .WithReceiveMaximum(receiveMaximum)
            .WithStreamProvider(new ReadBufferedStreamProvider())
            .Build();
        await subscriber._client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        await subscriber._client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter => filter.WithTopic("cmnd/+/#").WithAtLeastOnceQoS()).Build(),
            cancellationToken).ConfigureAwait(false);
        return subscriber;
    }

    /// <summary>Waits until no message has arrived for <paramref name="quiet"/> (the broker's queue for it is empty).</summary>
    public async Task WaitQuietAsync(TimeSpan quiet, TimeSpan timeout, CancellationToken cancellationToken)
    {
        long last = Received;
        long since = Stopwatch.GetTimestamp();
        long started = since;
        while (Stopwatch.GetElapsedTime(since) < quiet && Stopwatch.GetElapsedTime(started) < timeout)
        {
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            if (Received != last)
            {
                last = Received;
                since = Stopwatch.GetTimestamp();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync().ConfigureAwait(false);
        }

        _client.Dispose();
    }
}

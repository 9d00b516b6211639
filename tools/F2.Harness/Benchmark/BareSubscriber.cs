using System.Diagnostics;
using System.Threading.Channels;
using F2.Integrations.Mqtt;
using MQTTnet;

namespace F2.Harness.Benchmark;

/// <summary>
/// The MQTT ceiling: a QoS 1 subscriber to <c>cmnd/+/#</c> that does nothing but count, acknowledging every message
/// as soon as it arrives. It uses Ingest's client stack (MQTTnet 5, MQTT v5, the same receive maximum, and
/// <see cref="BatchingStreamProvider"/>: buffered reads, the acknowledgements waiting at one moment sent in one
/// write), so the ratio of Ingest's rate to this one measures what Ingest's own work costs.
/// </summary>
public sealed class BareSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly BatchingStreamProvider _transport = new();
    private readonly Channel<MqttApplicationMessageReceivedEventArgs> _toAcknowledge = Channel.CreateUnbounded<MqttApplicationMessageReceivedEventArgs>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private Task _acknowledging = Task.CompletedTask;
    private long _received;

    private BareSubscriber()
    {
        _client.ApplicationMessageReceivedAsync += message =>
        {
            message.AutoAcknowledge = false;
            Interlocked.Increment(ref _received);
            _toAcknowledge.Writer.TryWrite(message);
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
            .WithStreamProvider(subscriber._transport)
            .Build();
        subscriber._acknowledging = subscriber.AcknowledgeAllAsync(subscriber._stop.Token);
        await subscriber._client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        await subscriber._client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter => filter.WithTopic("cmnd/+/#").WithAtLeastOnceQoS()).Build(),
            cancellationToken).ConfigureAwait(false);
        return subscriber;
    }

    /// <summary>
    /// Ends the persistent session of <paramref name="clientId"/> (Ingest's, once it has stopped): a clean start with no
    /// session expiry, then a disconnect, so that the broker no longer queues messages for it.
    /// </summary>
    public static async Task EndSessionAsync(string connectionString, string clientId, CancellationToken cancellationToken)
    {
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        MqttClientOptions options = MqttClientOptionsFactory
            .CreateBuilder(MqttConnectionString.Parse(connectionString), clientId)
            .WithCleanStart(true)
            .WithSessionExpiryInterval(0)
            .Build();
        await client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
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

        _toAcknowledge.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _acknowledging.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        _client.Dispose();
    }

    /// <summary>As Ingest does: what is waiting is acknowledged in one write.</summary>
    private async Task AcknowledgeAllAsync(CancellationToken cancellationToken)
    {
        ChannelReader<MqttApplicationMessageReceivedEventArgs> reader = _toAcknowledge.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            await using HeldWrites held = _transport.HoldWrites();
            for (int count = 0; count < 256 && reader.TryRead(out MqttApplicationMessageReceivedEventArgs? message); count++)
            {
                await message.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

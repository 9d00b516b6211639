using System.Buffers;
using System.Threading.Channels;
using F2.Protocol;
using Microsoft.Extensions.Options;

namespace F2.Ingest;

/// <summary>
/// The MQTT callback side: validates the envelope (size, topic) and hands the message to the bounded channel.
/// When the channel is full the callback waits for a QoS 1 message, which holds back MQTTnet's message loop; the
/// broker stops sending QoS 1 messages once the receive maximum of unacknowledged ones is reached, so memory stays
/// bounded. The wait gives up (leaving the message unacknowledged for redelivery) when the connection closes or Ingest
/// stops. The receive maximum does not limit QoS 0, so a QoS 0 message is taken only while fewer than
/// <see cref="IngestOptions.MaxInFlight"/> messages are in hand, and never waits (waiting would only move an unbounded
/// queue into MQTTnet); otherwise it is dropped and counted (<c>f2.ingest.messages.dropped</c>, reason
/// <c>qos0_backpressure</c>), as QoS 0 allows.
/// </summary>
internal sealed class MessageIntake(
    IOptions<IngestOptions> options,
    IngestStatus status,
    IngestMetrics metrics,
    ILogger<MessageIntake> logger)
{
    private static readonly TimeSpan ConnectionCheckInterval = TimeSpan.FromMilliseconds(250);

    private readonly IngestOptions _options = options.Value;
    private readonly Channel<IngestMessage> _channel = Channel.CreateBounded<IngestMessage>(
        new BoundedChannelOptions(options.Value.MaxInFlight) { FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<IngestMessage> Reader => _channel.Reader;

    /// <summary>Stops taking messages; those already taken are still forwarded.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    public async Task OnMessageAsync(MqttDelivery delivery)
    {
        var message = delivery.Message;
        var rejection = MessageDecoder.CheckEnvelope(message.Topic, (int)message.Payload.Length, _options.MaxPayloadBytes, out var address);
        var (activity, incoming) = IngestTracing.StartProcess(message, _options.SubscriptionTopic);
        var taken = new IngestMessage
        {
            Topic = message.Topic,
            Payload = message.Payload.ToArray(),
            ReceivedAt = DateTime.UtcNow,
            Rejection = rejection,
            DeviceId = rejection switch
            {
                null => address.DeviceId,
                RejectReason.PayloadTooLarge => DeviceIdOf(message.Topic),
                _ => null,
            },
            Activity = activity,
            IncomingTrace = incoming,
            Delivery = delivery,
        };
        metrics.Received();
        if (rejection is { } reason)
        {
            Log.Rejected(logger, message.Topic, reason.ToWireName());
        }

        bool atMostOnce = delivery.AtMostOnce;
        bool windowFull = status.InFlight >= _options.MaxInFlight;
        status.Taken();
        if (atMostOnce ? !windowFull && _channel.Writer.TryWrite(taken) : await HandOffAsync(taken))
        {
            return;
        }

        status.Released();
        activity?.Dispose();
        if (atMostOnce)
        {
            metrics.Dropped(IngestMetrics.Qos0Backpressure);
            Log.DroppedQos0(logger, message.Topic);
        }
        else
        {
            Log.NotTaken(logger, message.Topic);
        }
    }

    private async Task<bool> HandOffAsync(IngestMessage message)
    {
        while (!_channel.Writer.TryWrite(message))
        {
            if (!message.Delivery.ConnectionOpen)
            {
                return false;
            }

            using var wait = new CancellationTokenSource(ConnectionCheckInterval);
            try
            {
                if (!await _channel.Writer.WaitToWriteAsync(wait.Token))
                {
                    return false;
                }
            }
            catch (OperationCanceledException) when (wait.IsCancellationRequested)
            {
                // Still full: check the connection again, then keep waiting.
            }
        }

        return true;
    }

    /// <summary>A too-large message is rejected before its topic is parsed; its device id is still worth keeping as the key.</summary>
    private static string? DeviceIdOf(string topic) => DeviceTopic.TryParse(topic, out var address) ? address.DeviceId : null;
}

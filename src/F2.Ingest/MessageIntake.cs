using System.Buffers;
using System.Threading.Channels;
using F2.Protocol;
using Microsoft.Extensions.Options;

namespace F2.Ingest;

/// <summary>
/// The MQTT callback side: takes a message into Ingest's window (<see cref="IngestWindow"/>, at most
/// <see cref="IngestOptions.MaxInFlight"/> in hand across connections), validates its envelope (size, topic) and hands
/// it to the channel the forwarder reads. When the window is full the callback waits for a QoS 1 message, which holds
/// back MQTTnet's message loop; the broker stops sending QoS 1 messages once the receive maximum of unacknowledged
/// ones is reached, so memory stays bounded. The wait gives up (leaving the message unacknowledged for redelivery)
/// when the connection closes or Ingest stops. The receive maximum does not limit QoS 0, so a QoS 0 message is taken
/// only while the window has room, and never waits (waiting would only move an unbounded queue into MQTTnet);
/// otherwise it is dropped and counted (<c>f2.ingest.messages.dropped</c>, reason <c>qos0_backpressure</c>), as QoS 0 allows.
/// </summary>
internal sealed class MessageIntake(
    IOptions<IngestOptions> options,
    IngestWindow window,
    IngestStatus status,
    IngestMetrics metrics,
    ILogger<MessageIntake> logger)
{
    private static readonly TimeSpan ConnectionCheckInterval = TimeSpan.FromMilliseconds(250);

    private readonly IngestOptions _options = options.Value;

    /// <summary>Never full: it holds only messages in the window.</summary>
    private readonly Channel<IngestMessage> _channel = Channel.CreateBounded<IngestMessage>(
        new BoundedChannelOptions(options.Value.MaxInFlight) { FullMode = BoundedChannelFullMode.Wait });

    private volatile bool _completed;

    public ChannelReader<IngestMessage> Reader => _channel.Reader;

    /// <summary>Stops taking messages; those already taken are still forwarded.</summary>
    public void Complete()
    {
        _completed = true;
        _channel.Writer.TryComplete();
    }

    public async Task OnMessageAsync(MqttDelivery delivery)
    {
        var receivedAt = DateTime.UtcNow;
        metrics.Received();
        if (delivery.AtMostOnce ? window.TryEnter() : await EnterAsync(delivery))
        {
            status.Taken();
            var taken = Take(delivery, receivedAt);
            if (_channel.Writer.TryWrite(taken))
            {
                return;
            }

            taken.Activity?.Dispose();
            window.Leave();
        }

        if (delivery.AtMostOnce)
        {
            metrics.Dropped(IngestMetrics.Qos0Backpressure);
            Log.DroppedQos0(logger, delivery.Message.Topic);
        }
        else
        {
            Log.NotTaken(logger, delivery.Message.Topic);
        }
    }

    /// <summary>Waits for room in the window while the message's connection is up and Ingest is not stopping.</summary>
    private async Task<bool> EnterAsync(MqttDelivery delivery)
    {
        while (!await window.EnterAsync(ConnectionCheckInterval))
        {
            if (_completed || !delivery.ConnectionOpen)
            {
                return false;
            }
        }

        return true;
    }

    private IngestMessage Take(MqttDelivery delivery, DateTime receivedAt)
    {
        var message = delivery.Message;
        var rejection = MessageDecoder.CheckEnvelope(message.Topic, (int)message.Payload.Length, _options.MaxPayloadBytes, out var address);
        var (activity, incoming) = IngestTracing.StartProcess(message, _options.SubscriptionTopic);
        if (rejection is { } reason)
        {
            Log.Rejected(logger, message.Topic, reason.ToWireName());
        }

        return new IngestMessage
        {
            Topic = message.Topic,
            Payload = message.Payload.ToArray(),
            ReceivedAt = receivedAt,
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
    }

    /// <summary>A too-large message is rejected before its topic is parsed; its device id is still worth keeping as the key.</summary>
    private static string? DeviceIdOf(string topic) => DeviceTopic.TryParse(topic, out var address) ? address.DeviceId : null;
}

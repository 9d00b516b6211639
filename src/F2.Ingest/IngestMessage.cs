using System.Diagnostics;
using F2.Protocol;

namespace F2.Ingest;

/// <summary>One MQTT message in Ingest's hands, as received: from the broker callback until its acknowledgement.</summary>
internal sealed class IngestMessage
{
    public required string Topic { get; init; }

    /// <summary>The payload, copied out of the client's buffer.</summary>
    public required byte[] Payload { get; init; }

    public required DateTime ReceivedAt { get; init; }

    /// <summary>Null for a message to forward; the reason for one to dead-letter.</summary>
    public required RejectReason? Rejection { get; init; }

    /// <summary>The device id when the topic names one.</summary>
    public required string? DeviceId { get; init; }

    /// <summary>The "process" span of this message; its context travels in the Kafka headers.</summary>
    public required Activity? Activity { get; init; }

    /// <summary>The W3C trace context as received, forwarded as is when no span was started.</summary>
    public required ActivityContext IncomingTrace { get; init; }

    /// <summary>Acknowledges the message to the broker, or knows that the broker delivers it again.</summary>
    public required MqttDelivery Delivery { get; init; }
}

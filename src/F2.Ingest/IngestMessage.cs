using System.Diagnostics;
using Confluent.Kafka;
using F2.Protocol;
using MQTTnet;

namespace F2.Ingest;

/// <summary>One MQTT message in Ingest's hands, from the broker callback until its acknowledgement.</summary>
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

    /// <summary>The broker delivery to acknowledge.</summary>
    public required MqttApplicationMessageReceivedEventArgs Delivery { get; init; }

    /// <summary>Which MQTT connection delivered the message; an acknowledgement only makes sense on that one.</summary>
    public required long ConnectionGeneration { get; init; }

    // Forwarding state, set by KafkaForwarder.

    /// <summary><c>raw_iot_data</c>, or <c>dead_letter_iot_data</c> for a rejected message.</summary>
    public string KafkaTopic { get; private set; } = "";

    /// <summary>The Kafka record; built once, produced again as it is on a retry.</summary>
    public Message<string?, byte[]> Record { get; private set; } = null!;

    /// <summary>When the current produce attempt started (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public long ProduceStarted { get; set; }

    /// <summary>Produce attempts that failed so far.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>When the last attempt failed (<see cref="Stopwatch.GetTimestamp"/>), and how long to wait before the next.</summary>
    public long FailedAt { get; set; }

    public TimeSpan RetryDelay { get; set; }

    public void SetRecord(string kafkaTopic, Message<string?, byte[]> record)
    {
        KafkaTopic = kafkaTopic;
        Record = record;
    }
}

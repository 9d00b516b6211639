using System.Globalization;
using System.Text;
using Confluent.Kafka;
using F2.Protocol;

namespace F2.Ingest;

/// <summary>
/// Builds the Kafka record of a message: <c>raw_iot_data</c> (key = device id, value = the payload bytes unchanged),
/// or <c>dead_letter_iot_data</c> with <c>f2-reason</c> and <c>f2-stage=ingest</c>. The MQTT topic is recorded as received.
/// </summary>
internal static class IngestRecords
{
    private static readonly byte[] StageIngest = "ingest"u8.ToArray();

    public static (string Topic, Message<string?, byte[]> Record) Create(IngestMessage message)
    {
        var headers = new Headers
        {
            { RecordHeaders.MqttTopic, Encoding.UTF8.GetBytes(message.Topic) },
            { RecordHeaders.ReceivedAt, UnixMicros.Format(message.ReceivedAt) },
        };
        AddTraceContext(headers, message);

        if (message.Rejection is not { } reason)
        {
            return (KafkaTopics.Raw, new Message<string?, byte[]> { Key = message.DeviceId, Value = message.Payload, Headers = headers });
        }

        headers.Add(RecordHeaders.Reason, Encoding.UTF8.GetBytes(reason.ToWireName()));
        headers.Add(RecordHeaders.Stage, StageIngest);
        byte[] value = message.Payload;
        if (value.Length > IngestOptions.KafkaValueLimit)
        {
            // A dead-letter record must fit in Kafka: keep the head of a huge payload and say so.
            value = value[..IngestOptions.KafkaValueLimit];
            string detail = string.Create(CultureInfo.InvariantCulture, $"payload of {message.Payload.Length} bytes truncated to {value.Length}");
            headers.Add(RecordHeaders.Detail, Encoding.UTF8.GetBytes(detail));
        }

        return (KafkaTopics.DeadLetter, new Message<string?, byte[]> { Key = message.DeviceId, Value = value, Headers = headers });
    }

    private static void AddTraceContext(Headers headers, IngestMessage message)
    {
        (string? traceParent, string? traceState) = message.Activity is { } activity
            ? (activity.Id, activity.TraceStateString)
            : message.IncomingTrace;
        if (traceParent is not null)
        {
            headers.Add(RecordHeaders.TraceParent, Encoding.UTF8.GetBytes(traceParent));
        }

        if (!string.IsNullOrEmpty(traceState))
        {
            headers.Add(RecordHeaders.TraceState, Encoding.UTF8.GetBytes(traceState));
        }
    }
}

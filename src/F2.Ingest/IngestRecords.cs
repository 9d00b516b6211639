using System.Globalization;
using Confluent.Kafka;
using F2.Integrations.Kafka;
using F2.Integrations.Telemetry;
using F2.Protocol;

namespace F2.Ingest;

/// <summary>
/// Builds the Kafka record of a message: <c>raw_iot_data</c> (key = device id, value = the payload bytes unchanged),
/// or <c>dead_letter_iot_data</c> with <c>f2-reason</c> and <c>f2-stage=ingest</c>. The MQTT topic is recorded as received.
/// </summary>
internal static class IngestRecords
{
    public static (string Topic, Message<string?, byte[]> Record) Create(IngestMessage message)
    {
        var headers = new Headers { { RecordHeaders.ReceivedAt, UnixMicros.Format(message.ReceivedAt) } };
        headers.SetString(RecordHeaders.MqttTopic, message.Topic);
        TraceContext.Inject(message.Activity?.Context ?? message.IncomingTrace, headers);

        if (message.Rejection is not { } reason)
        {
            return (KafkaTopics.Raw, new Message<string?, byte[]> { Key = message.DeviceId, Value = message.Payload, Headers = headers });
        }

        headers.SetString(RecordHeaders.Reason, reason.ToWireName());
        headers.SetString(RecordHeaders.Stage, "ingest");
        byte[] value = message.Payload;
        if (value.Length > IngestOptions.KafkaValueLimit)
        {
            // A dead-letter record must fit in Kafka: keep the head of a huge payload and say so.
            value = value[..IngestOptions.KafkaValueLimit];
            string detail = string.Create(CultureInfo.InvariantCulture, $"payload of {message.Payload.Length} bytes truncated to {value.Length}");
            headers.SetString(RecordHeaders.Detail, detail);
        }

        return (KafkaTopics.DeadLetter, new Message<string?, byte[]> { Key = message.DeviceId, Value = value, Headers = headers });
    }
}

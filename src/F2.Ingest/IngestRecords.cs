using System.Globalization;
using Confluent.Kafka;
using F2.Integrations.Kafka;
using F2.Integrations.Telemetry;
using F2.Protocol;

namespace F2.Ingest;

/// <summary>
/// Builds the Kafka record of a message: <c>raw_iot_data</c> (key = device id, value = the payload bytes unchanged),
/// or its <see cref="DeadLetter"/> (stage <see cref="StageNames.Ingest"/>). The MQTT topic is recorded as received.
/// </summary>
internal static class IngestRecords
{
    public static (string Topic, Message<string?, byte[]> Record) Create(IngestMessage message)
    {
        if (message.Rejection is not { } reason)
        {
            var headers = new Headers { { RecordHeaders.ReceivedAt, UnixMicros.Format(message.ReceivedAt) } };
            headers.SetString(RecordHeaders.MqttTopic, message.Topic);
            TraceContext.Inject(message.Activity?.Context ?? message.IncomingTrace, headers);
            return (KafkaTopics.Raw, new Message<string?, byte[]> { Key = message.DeviceId, Value = message.Payload, Headers = headers });
        }

        byte[] value = message.Payload;
        string? detail = null;
        if (value.Length > IngestOptions.KafkaValueLimit)
        {
            // A dead-letter record must fit in Kafka: keep the head of a huge payload and say so.
            value = value[..IngestOptions.KafkaValueLimit];
            detail = string.Create(CultureInfo.InvariantCulture, $"payload of {message.Payload.Length} bytes truncated to {value.Length}");
        }

        var deadLetter = new DeadLetter
        {
            Stage = StageNames.Ingest,
            Reason = reason.ToWireName(),
            Payload = value,
            DeviceId = message.DeviceId,
            MqttTopic = message.Topic,
            ReceivedAt = message.ReceivedAt,
            Detail = detail,
        }.ToMessage();
        TraceContext.Inject(message.Activity?.Context ?? message.IncomingTrace, deadLetter.Headers);
        return (KafkaTopics.DeadLetter, deadLetter);
    }
}

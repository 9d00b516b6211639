using Confluent.Kafka;
using F2.Protocol;

namespace F2.Integrations.Kafka;

/// <summary>Reads what Ingest wrote into the headers of a <c>raw_iot_data</c> record (<see cref="RecordHeaders.RawRecord"/>).</summary>
public static class RawRecordHeaders
{
    /// <summary>The MQTT topic, or null when the record has no <see cref="RecordHeaders.MqttTopic"/>.</summary>
    public static string? MqttTopic(Headers? headers) => headers.TryGetString(RecordHeaders.MqttTopic, out string topic) ? topic : null;

    /// <summary>When Ingest received the message, or null when <see cref="RecordHeaders.ReceivedAt"/> is absent or unreadable.</summary>
    public static DateTime? ReceivedAt(Headers? headers)
        => headers.TryGetBytes(RecordHeaders.ReceivedAt, out var bytes) && UnixMicros.TryParse(bytes, out var receivedAt) ? receivedAt : null;
}

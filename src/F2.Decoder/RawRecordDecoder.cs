using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using F2.Integrations.Kafka;
using F2.Integrations.Telemetry;
using F2.Protocol;

namespace F2.Decoder;

/// <summary>
/// Turns one <c>raw_iot_data</c> record into its output: a <c>decoded_iot_data</c> record (key = device id, value =
/// <see cref="DecodedMessage"/> JSON) or a <c>dead_letter_iot_data</c> record with the original bytes.
/// A record without an <c>f2-mqtt-topic</c> header is dead-lettered as <c>topic_invalid</c> (its topic is unknown);
/// one without a readable <c>f2-received-at</c> takes its Kafka timestamp instead (Ingest sets both at the same moment).
/// Decoding and reader privacy are <see cref="MessageDecoding"/>'s. Used on the consume thread only.
/// </summary>
internal sealed class RawRecordDecoder(MessageDecoding decoding, DecoderMetrics metrics, ILogger<RawRecordDecoder> logger)
{
    private readonly List<DecodedRow> _rows = [];

    public OutgoingRecord Decode(ConsumeResult<string?, byte[]> consumed, Activity? activity)
    {
        var headers = consumed.Message.Headers;
        string source = string.Create(CultureInfo.InvariantCulture, $"{consumed.Topic}/{consumed.Partition.Value}@{consumed.Offset.Value}");
        var (topic, receivedAt) = Envelope(consumed.Message);
        byte[] payload = consumed.Message.Value ?? [];

        long started = Stopwatch.GetTimestamp();
        var result = decoding.Decode(topic, payload, _rows);
        metrics.Decoded(result.Reason, _rows.Count, started);

        if (result.IsSuccess)
        {
            var outgoingHeaders = new Headers();
            DecoderTracing.Inject(outgoingHeaders, activity, headers);
            var message = new DecodedMessage(topic!, receivedAt, consumed.Partition.Value, consumed.Offset.Value, [.. _rows]);
            var record = new Message<string?, byte[]> { Key = _rows[0].DeviceId, Value = DecodedMessageJson.Serialize(message), Headers = outgoingHeaders };
            return new OutgoingRecord(KafkaTopics.Decoded, record, null, _rows.Count) { Source = source, Original = consumed.Message };
        }

        var reason = result.Reason!.Value;
        Log.Rejected(logger, source, reason.ToWireName());
        activity?.SetTag("f2.reason", reason.ToWireName());
        var deadLetter = DeadLetterOf(consumed.Message, source, reason.ToWireName(), topic is null ? "record has no f2-mqtt-topic header" : null);
        DecoderTracing.Inject(deadLetter.Headers, activity, headers);
        return new OutgoingRecord(KafkaTopics.DeadLetter, deadLetter, reason, 0) { Source = source };
    }

    /// <summary>
    /// The dead letter for a decoded record Kafka refused for good (too large, not authorised): the original raw record
    /// as <see cref="DeadLetterReasons.OutputRefused"/>, with Kafka's error in the detail and the decoded record's trace
    /// context. Thread-safe (uses no decoding state).
    /// </summary>
    public static OutgoingRecord Refused(OutgoingRecord output, string error)
    {
        Message<string?, byte[]> original = output.Original ?? throw new InvalidOperationException($"{output.Source}: no original record kept");
        var deadLetter = DeadLetterOf(original, output.Source, DeadLetterReasons.OutputRefused, $"Kafka refused the decoded record for good: {error}");
        if (TraceContext.TryExtract(output.Message.Headers, out var trace))
        {
            TraceContext.Inject(trace, deadLetter.Headers);
        }

        return new OutgoingRecord(KafkaTopics.DeadLetter, deadLetter, null, 0) { Source = output.Source };
    }

    /// <summary>The MQTT topic (null without the header) and when Ingest received the message (else the Kafka timestamp).</summary>
    private static (string? Topic, DateTime ReceivedAt) Envelope(Message<string?, byte[]> raw)
        => (RawRecordHeaders.MqttTopic(raw.Headers), RawRecordHeaders.ReceivedAt(raw.Headers) ?? raw.Timestamp.UtcDateTime);

    /// <summary>The Decoder's dead letter of a raw record: its original bytes, topic and time, keyed by the device its topic names.</summary>
    private static Message<string?, byte[]> DeadLetterOf(Message<string?, byte[]> raw, string source, string reason, string? detail)
    {
        var (topic, receivedAt) = Envelope(raw);
        return new DeadLetter
        {
            Stage = StageNames.Decoder,
            Reason = reason,
            Payload = raw.Value ?? [],
            DeviceId = topic is not null && DeviceTopic.TryParse(topic, out var address) ? address.DeviceId : null,
            MqttTopic = topic,
            ReceivedAt = receivedAt,
            Source = source,
            Detail = detail,
        }.ToMessage();
    }
}

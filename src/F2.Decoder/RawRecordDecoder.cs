using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using F2.Integrations.DeviceParameters;
using F2.Integrations.Kafka;
using F2.Protocol;
using F2.Protocol.Privacy;
using Microsoft.Extensions.Options;

namespace F2.Decoder;

/// <summary>
/// Turns one <c>raw_iot_data</c> record into its output: a <c>decoded_iot_data</c> record (key = device id, value =
/// <see cref="DecodedMessage"/> JSON) or a <c>dead_letter_iot_data</c> record with the original bytes.
/// A record without an <c>f2-mqtt-topic</c> header is dead-lettered as <c>topic_invalid</c> (its topic is unknown);
/// one without a readable <c>f2-received-at</c> takes its Kafka timestamp instead (Ingest sets both at the same moment).
/// Reader texts leave in their stored form (<see cref="ReaderPrivacy"/>), never as decoded. Used on the consume thread only.
/// </summary>
internal sealed class RawRecordDecoder(
    IDeviceParameterSource parameters, ReaderPrivacy privacy, IOptions<DecoderOptions> options, DecoderMetrics metrics, ILogger<RawRecordDecoder> logger)
{
    private readonly int _maxPayloadBytes = options.Value.MaxPayloadBytes;
    private readonly List<DecodedRow> _rows = [];

    public OutgoingRecord Decode(ConsumeResult<string?, byte[]> consumed, Activity? activity)
    {
        var headers = consumed.Message.Headers ?? [];
        string source = string.Create(CultureInfo.InvariantCulture, $"{consumed.Topic}/{consumed.Partition.Value}@{consumed.Offset.Value}");
        string? topic = headers.TryGetString(RecordHeaders.MqttTopic, out string topicHeader) ? topicHeader : null;
        var receivedAt = headers.TryGetBytes(RecordHeaders.ReceivedAt, out var receivedBytes) && UnixMicros.TryParse(receivedBytes, out var parsed)
            ? parsed
            : consumed.Message.Timestamp.UtcDateTime;
        byte[] payload = consumed.Message.Value ?? [];

        _rows.Clear();
        long started = Stopwatch.GetTimestamp();
        var result = topic is null
            ? DecodeResult.Rejected(RejectReason.TopicInvalid)
            : MessageDecoder.Decode(topic, payload, parameters.Current, _rows, _maxPayloadBytes);
        privacy.Protect(_rows);
        metrics.Decoded(result.Reason, _rows.Count, started);

        var outgoingHeaders = new Headers();
        DecoderTracing.Inject(outgoingHeaders, activity, headers);
        if (result.IsSuccess)
        {
            var message = new DecodedMessage(topic!, receivedAt, consumed.Partition.Value, consumed.Offset.Value, [.. _rows]);
            var record = new Message<string?, byte[]> { Key = _rows[0].DeviceId, Value = DecodedMessageJson.Serialize(message), Headers = outgoingHeaders };
            return new OutgoingRecord(KafkaTopics.Decoded, record, null, _rows.Count) { Source = source };
        }

        var reason = result.Reason!.Value;
        Log.Rejected(logger, source, reason.ToWireName());
        activity?.SetTag("f2.reason", reason.ToWireName());
        outgoingHeaders.SetString(RecordHeaders.Reason, reason.ToWireName());
        outgoingHeaders.SetString(RecordHeaders.Stage, "decoder");
        outgoingHeaders.SetString(topic is null ? RecordHeaders.Detail : RecordHeaders.MqttTopic, topic ?? "record has no f2-mqtt-topic header");
        outgoingHeaders.Add(RecordHeaders.ReceivedAt, UnixMicros.Format(receivedAt));
        outgoingHeaders.SetString(RecordHeaders.Source, source);
        string? deviceId = topic is not null && DeviceTopic.TryParse(topic, out var address) ? address.DeviceId : null;
        var deadLetter = new Message<string?, byte[]> { Key = deviceId, Value = payload, Headers = outgoingHeaders };
        return new OutgoingRecord(KafkaTopics.DeadLetter, deadLetter, reason, 0) { Source = source };
    }
}

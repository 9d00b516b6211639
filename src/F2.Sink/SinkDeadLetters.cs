using System.Globalization;
using System.Text;
using Confluent.Kafka;
using F2.Protocol;

namespace F2.Sink;

/// <summary>
/// Sends a record the Sink cannot store to <c>dead_letter_iot_data</c> with <c>f2-stage: sink</c>,
/// <c>f2-reason: record_invalid</c>, <c>f2-source</c> (its <c>decoded_iot_data</c> coordinates) and <c>f2-detail</c>
/// (why: the check that failed, or PostgreSQL's message). That reason is the sink's own, not a protocol reason (spec
/// section 6): such a record is a bug upstream or a rule the database adds, but it must never be dropped silently, and
/// it must not stop the sink from storing every other record.
/// <para>
/// Like Ingest's and the Decoder's dead letters it carries the original MQTT payload bytes as its value, with the
/// original key and the <c>f2-mqtt-topic</c> and <c>f2-received-at</c> headers: read back from <c>raw_iot_data</c> at
/// the coordinates the decoded record names (<see cref="RawOriginals"/>), so every dead letter can be replayed. When
/// that record can no longer be read (retention passed, or the record is not a decoded message at all), the value is
/// the consumed record's own bytes and the detail says that the original was unavailable, and why.
/// </para>
/// </summary>
internal sealed class SinkDeadLetters(IProducer<byte[]?, byte[]?> producer, RawOriginals originals)
{
    public const string RecordInvalid = "record_invalid";

    private static readonly byte[] StageValue = "sink"u8.ToArray();
    private static readonly byte[] ReasonValue = Encoding.UTF8.GetBytes(RecordInvalid);

    /// <summary>Produces the dead letter and waits for the broker's acknowledgement (throws <see cref="KafkaException"/> if it fails).</summary>
    public void Send(SinkRecord record)
    {
        string detail = record.InvalidDetail ?? RecordInvalid;
        ConsumeResult<byte[]?, byte[]?>? raw = null;
        if (record.RawSource is { } rawSource)
        {
            string source = string.Create(CultureInfo.InvariantCulture, $"{rawSource.Topic}/{rawSource.Partition.Value}@{rawSource.Offset.Value}");
            raw = originals.TryRead(rawSource, out string? unavailable);
            detail += raw is null
                ? $"; the original {source} could not be read ({unavailable}): the value is the decoded record"
                : $"; original {source}";
        }
        else
        {
            detail += "; no original named: the value is the consumed record";
        }

        var headers = new Headers
        {
            { RecordHeaders.Reason, ReasonValue },
            { RecordHeaders.Stage, StageValue },
            { RecordHeaders.Source, Encoding.UTF8.GetBytes(record.Source) },
            { RecordHeaders.Detail, Encoding.UTF8.GetBytes(detail) },
        };
        Message<byte[]?, byte[]?> original = raw?.Message ?? record.Original;
        CopyHeader(raw?.Message.Headers, headers, RecordHeaders.MqttTopic);
        CopyHeader(raw?.Message.Headers, headers, RecordHeaders.ReceivedAt);
        CopyHeader(record.Original.Headers, headers, RecordHeaders.TraceParent);
        CopyHeader(record.Original.Headers, headers, RecordHeaders.TraceState);
        var message = new Message<byte[]?, byte[]?> { Key = original.Key, Value = original.Value, Headers = headers };
        producer.ProduceAsync(KafkaTopics.DeadLetter, message).GetAwaiter().GetResult();
    }

    private static void CopyHeader(Headers? from, Headers to, string name)
    {
        if (from is not null && from.TryGetLastBytes(name, out byte[] value))
        {
            to.Add(name, value);
        }
    }
}

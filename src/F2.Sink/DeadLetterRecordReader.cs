using System.Text;
using Confluent.Kafka;
using F2.Protocol;
using F2.Storage.DeadLetters;

namespace F2.Sink;

/// <summary>
/// Reads a record of <c>dead_letter_iot_data</c> (built by <see cref="DeadLetter"/>) into the row <c>dead_letters</c>
/// keeps. Its coordinates are its <c>f2-source</c> header, or its own for Ingest's dead letters (which have none). A
/// record without the reason or stage headers is still kept, as <see cref="Unknown"/>, its value as the payload.
/// </summary>
internal static class DeadLetterRecordReader
{
    /// <summary>Reason and stage of a record on the dead-letter topic that is not a dead letter.</summary>
    public const string Unknown = "unknown";

    public static KeptDeadLetter Read(ConsumeResult<string?, byte[]?> record)
    {
        Headers headers = record.Message.Headers ?? new Headers();
        string? reason = Text(headers, RecordHeaders.Reason);
        string? stage = Text(headers, RecordHeaders.Stage);
        string? detail = Text(headers, RecordHeaders.Detail);
        bool whole = reason is not null && stage is not null;
        SourceCoordinates source = SourceCoordinates.TryParse(Text(headers, RecordHeaders.Source), out SourceCoordinates named)
            ? named
            : new SourceCoordinates(record.Topic, record.Partition.Value, record.Offset.Value);
        DateTime? receivedAt = headers.TryGetLastBytes(RecordHeaders.ReceivedAt, out byte[] micros) && UnixMicros.TryParse(micros, out DateTime time)
            ? time
            : null;
        return new KeptDeadLetter
        {
            Source = source,
            Stage = whole ? stage! : Unknown,
            Reason = whole ? reason! : Unknown,
            Detail = whole ? detail : $"not a dead letter: no {RecordHeaders.Reason} or {RecordHeaders.Stage} header" + (detail is null ? "" : $"; {detail}"),
            DeviceId = string.IsNullOrEmpty(record.Message.Key) ? null : record.Message.Key,
            MqttTopic = Text(headers, RecordHeaders.MqttTopic),
            ReceivedAt = receivedAt,
            Payload = record.Message.Value ?? [],
            DeadLetteredAt = record.Message.Timestamp.Type == TimestampType.NotAvailable ? DateTime.UtcNow : record.Message.Timestamp.UtcDateTime,
        };
    }

    private static string? Text(Headers headers, string name) =>
        headers.TryGetLastBytes(name, out byte[] value) ? Encoding.UTF8.GetString(value) : null;
}

using System.Text;
using Confluent.Kafka;
using F2.Protocol;

namespace F2.Sink;

/// <summary>
/// Sends a record that is not a valid decoded message to <c>dead_letter_iot_data</c> with the original key and bytes,
/// <c>f2-stage: sink</c> and <c>f2-reason: record_invalid</c>. That reason is the sink's own, not a protocol reason
/// (spec section 6): such a record is a bug upstream, not bad device input, but it must still never be dropped
/// silently, and it must not stop the sink from storing every other record.
/// </summary>
internal static class SinkDeadLetters
{
    public const string RecordInvalid = "record_invalid";

    private static readonly byte[] StageValue = "sink"u8.ToArray();
    private static readonly byte[] ReasonValue = Encoding.UTF8.GetBytes(RecordInvalid);

    /// <summary>Produces the dead letter and waits for the broker's acknowledgement (throws <see cref="KafkaException"/> if it fails).</summary>
    public static void Send(IProducer<byte[]?, byte[]?> producer, SinkRecord record)
    {
        var headers = new Headers
        {
            { RecordHeaders.Reason, ReasonValue },
            { RecordHeaders.Stage, StageValue },
            { RecordHeaders.Source, Encoding.UTF8.GetBytes(record.Source) },
            { RecordHeaders.Detail, Encoding.UTF8.GetBytes(record.InvalidDetail ?? RecordInvalid) },
        };
        CopyHeader(record.Original.Headers, headers, RecordHeaders.TraceParent);
        CopyHeader(record.Original.Headers, headers, RecordHeaders.TraceState);
        var message = new Message<byte[]?, byte[]?> { Key = record.Original.Key, Value = record.Original.Value, Headers = headers };
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

using System.Diagnostics;
using Confluent.Kafka;
using F2.Protocol;

namespace F2.Sink;

/// <summary>
/// One consumed <c>decoded_iot_data</c> record: its position, the decoded message (or, when it is not a valid decoded
/// message, why, and the original bytes for the dead-letter topic), its trace context, and when it was consumed.
/// </summary>
internal sealed class SinkRecord
{
    public required TopicPartitionOffset Position { get; init; }

    public DecodedMessage? Message { get; init; }

    /// <summary>Why the record cannot be stored: set when it is read, or when PostgreSQL refuses its rows.</summary>
    public string? InvalidDetail { get; set; }

    /// <summary>The <c>raw_iot_data</c> record it was decoded from, when the value names one.</summary>
    public TopicPartitionOffset? RawSource { get; init; }

    public required Message<byte[]?, byte[]?> Original { get; init; }

    public ActivityContext TraceContext { get; init; }

    public DateTimeOffset ConsumedAt { get; init; }

    /// <summary>
    /// Set once the record's rows are committed to PostgreSQL, so a retried flush does not write them again. Kept on the
    /// record, not on its batch, so a record that leaves the batch takes it along and no later record can inherit it.
    /// </summary>
    public bool RowsStored { get; set; }

    /// <summary>Set once the record is on the dead-letter topic, so a retried flush does not send it twice.</summary>
    public bool DeadLettered { get; set; }

    public int RowCount => Message?.Rows.Count ?? 0;

    public string Source => $"{Position.Topic}/{Position.Partition.Value}@{Position.Offset.Value}";
}

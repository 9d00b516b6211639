using Confluent.Kafka;

namespace F2.Integrations.Kafka;

/// <summary>
/// Notices records a consumer never saw. When a group's committed offset (or its position while it lags) is no longer
/// in the log, because the broker deleted those records (retention, or the development Kafka stand-in's 5 MiB per
/// partition limit), <c>auto.offset.reset=earliest</c> moves the consumer on to the oldest record left without a
/// word. This class expects each partition's next record at the committed offset, then at one past the last record
/// consumed, and reports how many offsets a record jumped over. A partition with nothing committed (a new group)
/// is checked only from its first record on: starting at the earliest record is then what was asked for.
/// Used on the consume thread only.
/// </summary>
public sealed class ConsumedOffsetGaps
{
    /// <summary>How long <see cref="Assigned"/> waits for the committed offsets by default.</summary>
    public static readonly TimeSpan CommittedLookupTimeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<TopicPartition, long> _next = [];

    /// <summary>
    /// Called with newly assigned partitions: asks the group's committed offsets. If Kafka cannot answer within
    /// <see cref="CommittedLookupTimeout"/>, those partitions are checked from their first record on.
    /// </summary>
    public void Assigned<TKey, TValue>(IConsumer<TKey, TValue> consumer, IReadOnlyCollection<TopicPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        Revoked(partitions);
        try
        {
            Expect(consumer.Committed(partitions, CommittedLookupTimeout));
        }
        catch (KafkaException)
        {
            // No answer: the first record consumed sets the expectation instead.
        }
    }

    /// <summary>Sets where each partition's next record should be; unset offsets (nothing committed) are not checked.</summary>
    public void Expect(IEnumerable<TopicPartitionOffset> committed)
    {
        foreach (TopicPartitionOffset offset in committed)
        {
            if (offset.Offset.Value >= 0)
            {
                _next[offset.TopicPartition] = offset.Offset.Value;
            }
        }
    }

    public void Revoked(IEnumerable<TopicPartition> partitions)
    {
        foreach (TopicPartition partition in partitions)
        {
            _next.Remove(partition);
        }
    }

    /// <summary>Called for every consumed record; returns how many offsets before it were skipped (0 normally).</summary>
    public long Consumed(TopicPartitionOffset record)
    {
        ArgumentNullException.ThrowIfNull(record);
        long offset = record.Offset.Value;
        long skipped = _next.TryGetValue(record.TopicPartition, out long expected) && offset > expected ? offset - expected : 0;
        _next[record.TopicPartition] = offset + 1; // a seek back (re-reading) moves the expectation back too
        return skipped;
    }
}

using Confluent.Kafka;

namespace F2.Decoder;

/// <summary>
/// The records of one assigned partition whose output Kafka has not yet acknowledged. The safe commit offset is the
/// lowest such record, or one past the last consumed record when none waits. Completions arrive on the producer's
/// delivery thread; everything else on the consume thread.
/// </summary>
internal sealed class PartitionProgress(TopicPartition partition)
{
    private readonly SortedSet<long> _pending = [];
    private long _next = -1;
    private long _committed = -1;
    private bool _detached;

    public TopicPartition Partition { get; } = partition;

    /// <summary>True once the partition was revoked or lost: its late completions and retries no longer count.</summary>
    public bool IsDetached
    {
        get
        {
            lock (_pending)
            {
                return _detached;
            }
        }
    }

    public void Begin(long offset)
    {
        lock (_pending)
        {
            _pending.Add(offset);
            _next = offset + 1;
        }
    }

    /// <summary>Marks a record's output acknowledged; true when it was still counted as pending.</summary>
    public bool Complete(long offset)
    {
        lock (_pending)
        {
            return _pending.Remove(offset) && !_detached;
        }
    }

    /// <summary>Stops tracking; returns how many records were still pending.</summary>
    public int Detach()
    {
        lock (_pending)
        {
            _detached = true;
            return _pending.Count;
        }
    }

    /// <summary>The offset to commit when it has moved past the last committed one.</summary>
    public TopicPartitionOffset? Committable()
    {
        lock (_pending)
        {
            long safe = _pending.Count == 0 ? _next : _pending.Min;
            return safe > _committed ? new TopicPartitionOffset(Partition, safe) : null;
        }
    }

    public void Committed(long offset)
    {
        lock (_pending)
        {
            _committed = Math.Max(_committed, offset);
        }
    }
}

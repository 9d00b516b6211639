using Confluent.Kafka;

namespace F2.Decoder;

/// <summary>The <see cref="PartitionProgress"/> of every assigned partition, and the total of pending records.</summary>
internal sealed class OffsetTracker
{
    private readonly Dictionary<TopicPartition, PartitionProgress> _partitions = [];
    private int _pending;

    /// <summary>Records consumed whose output Kafka has not acknowledged yet.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Called on the consume thread for each consumed record.</summary>
    public PartitionProgress Begin(TopicPartitionOffset record)
    {
        if (!_partitions.TryGetValue(record.TopicPartition, out var progress))
        {
            progress = new PartitionProgress(record.TopicPartition);
            _partitions.Add(record.TopicPartition, progress);
        }

        progress.Begin(record.Offset.Value);
        Interlocked.Increment(ref _pending);
        return progress;
    }

    /// <summary>Called on the delivery thread when Kafka acknowledged a record's output.</summary>
    public void Complete(PartitionProgress progress, long offset)
    {
        if (progress.Complete(offset))
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>The offsets that can be committed now, for all partitions or only <paramref name="partitions"/>.</summary>
    public List<TopicPartitionOffset> Committable(IEnumerable<TopicPartition>? partitions = null)
    {
        var offsets = new List<TopicPartitionOffset>();
        foreach (var partition in partitions ?? _partitions.Keys)
        {
            if (_partitions.TryGetValue(partition, out var progress) && progress.Committable() is { } offset)
            {
                offsets.Add(offset);
            }
        }

        return offsets;
    }

    public void Committed(IEnumerable<TopicPartitionOffset> offsets)
    {
        foreach (var offset in offsets)
        {
            if (_partitions.TryGetValue(offset.TopicPartition, out var progress))
            {
                progress.Committed(offset.Offset.Value);
            }
        }
    }

    /// <summary>Forgets revoked or lost partitions.</summary>
    public void Remove(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            if (_partitions.Remove(partition, out var progress))
            {
                Interlocked.Add(ref _pending, -progress.Detach());
            }
        }
    }
}

using System.Diagnostics;
using Confluent.Kafka;

namespace F2.Sink;

/// <summary>The records consumed since the last commit, in consumption order. Owned by the consume thread.</summary>
internal sealed class SinkBatch
{
    private readonly List<SinkRecord> _records = [];
    private long _startedAt;

    public IReadOnlyList<SinkRecord> Records => _records;

    public int RowCount { get; private set; }

    public bool IsEmpty => _records.Count == 0;

    public void Add(SinkRecord record)
    {
        if (_records.Count == 0)
        {
            _startedAt = Stopwatch.GetTimestamp();
        }

        _records.Add(record);
        RowCount += record.RowCount;
    }

    public TimeSpan Age => _records.Count == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_startedAt);

    /// <summary>
    /// The records whose rows are still to be written. Derived from each record's own <see cref="SinkRecord.RowsStored"/>,
    /// so whatever leaves the batch (a revocation, a lost partition) takes its state along and nothing can go stale.
    /// </summary>
    public List<SinkRecord> Unwritten() => [.. _records.Where(record => record.Message is not null && record.InvalidDetail is null && !record.RowsStored)];

    /// <summary>Per partition, the offset after the last record of the batch: exactly what committing this batch means.</summary>
    public List<TopicPartitionOffset> CommitOffsets() =>
    [
        .. _records
            .GroupBy(record => record.Position.TopicPartition)
            .Select(group => new TopicPartitionOffset(group.Key, group.Max(record => record.Position.Offset.Value) + 1)),
    ];

    /// <summary>Drops the records of partitions this consumer no longer owns; returns how many were dropped.</summary>
    public int Remove(IReadOnlyCollection<TopicPartition> partitions)
    {
        int removed = _records.RemoveAll(record => partitions.Contains(record.Position.TopicPartition));
        RowCount = _records.Sum(record => record.RowCount);
        return removed;
    }

    public void Clear()
    {
        _records.Clear();
        RowCount = 0;
    }
}

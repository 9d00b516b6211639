using System.Diagnostics;
using Confluent.Kafka;
using F2.Protocol;

namespace F2.Sink;

/// <summary>The records consumed since the last commit, in consumption order. Owned by the consume thread.</summary>
internal sealed class SinkBatch
{
    private readonly List<SinkRecord> _records = [];
    private long _startedAt;

    public IReadOnlyList<SinkRecord> Records => _records;

    public int RowCount { get; private set; }

    public bool IsEmpty => _records.Count == 0;

    /// <summary>Set once the rows are committed to PostgreSQL; a retried flush then only redoes what follows.</summary>
    public bool RowsCommitted { get; set; }

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

    public List<DecodedMessage> Messages() => [.. _records.Where(record => record.Message is not null).Select(record => record.Message!)];

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
        RowsCommitted = false;
    }
}

using Confluent.Kafka;
using F2.Integrations.Kafka;

namespace F2.Sink;

/// <summary>
/// Offsets whose rows are already in PostgreSQL but whose commit Kafka refused (e.g. "rebalance in progress"), kept
/// per partition and retried until they succeed or the partition is revoked, so the committed position catches up
/// even when no further records arrive; every outcome goes to the <see cref="ConsumerGroupHealth"/>. Owned by the
/// consume thread.
/// </summary>
internal sealed class PendingCommits(ConsumerGroupHealth health, ILogger<SinkWorker> logger)
{
    private readonly Dictionary<TopicPartition, Offset> _offsets = [];

    public bool IsEmpty => _offsets.Count == 0;

    /// <summary>Adds a settled batch's offsets and commits everything pending; false if Kafka refused (kept for later).</summary>
    public bool Commit<TKey, TValue>(IConsumer<TKey, TValue> consumer, IEnumerable<TopicPartitionOffset> settled)
    {
        foreach (TopicPartitionOffset offset in settled)
        {
            if (!_offsets.TryGetValue(offset.TopicPartition, out Offset known) || known < offset.Offset)
            {
                _offsets[offset.TopicPartition] = offset.Offset;
            }
        }

        return Retry(consumer, firstAttempt: true);
    }

    /// <summary>Commits what is pending again; false if Kafka still refuses.</summary>
    public bool Retry<TKey, TValue>(IConsumer<TKey, TValue> consumer, bool firstAttempt = false)
    {
        if (_offsets.Count == 0)
        {
            return true;
        }

        try
        {
            consumer.Commit([.. _offsets.Select(entry => new TopicPartitionOffset(entry.Key, entry.Value))]);
            _offsets.Clear();
            health.CommitSucceeded();
            return true;
        }
        catch (KafkaException exception) when (!exception.Error.IsFatal)
        {
            health.CommitFailed(exception.Error.Reason);
            if (firstAttempt)
            {
                Log.CommitFailed(logger, exception);
            }
            else
            {
                Log.CommitRetryFailed(logger, exception.Error.Reason);
            }

            return false;
        }
    }

    /// <summary>On revocation: one last attempt for those partitions, then they are the new owner's business.</summary>
    public void Revoke<TKey, TValue>(IConsumer<TKey, TValue> consumer, IReadOnlyCollection<TopicPartition> partitions)
    {
        TopicPartitionOffset[] revoked = [.. _offsets.Where(entry => partitions.Contains(entry.Key)).Select(entry => new TopicPartitionOffset(entry.Key, entry.Value))];
        foreach (TopicPartitionOffset offset in revoked)
        {
            _offsets.Remove(offset.TopicPartition);
        }

        if (revoked.Length == 0)
        {
            return;
        }

        try
        {
            consumer.Commit(revoked);
        }
        catch (KafkaException exception) when (!exception.Error.IsFatal)
        {
            Log.CommitRetryFailed(logger, exception.Error.Reason);
        }
    }
}

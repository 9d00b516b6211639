using System.Diagnostics;
using Confluent.Kafka;
using F2.Integrations;
using F2.Integrations.Kafka;
using F2.Protocol;
using F2.Storage;
using F2.Storage.DeadLetters;
using Microsoft.Extensions.Options;

namespace F2.Sink;

/// <summary>
/// The blocking consume loop of <see cref="DeadLetterStoreWorker"/>, run on its own thread. Batches dead letters until
/// <c>DeadLetters:BatchSize</c> or <c>DeadLetters:Linger</c>, keeps them (<see cref="DeadLetterStore.Insert"/>, one
/// transaction), then commits their offsets. While PostgreSQL is down the same batch is retried with backoff and every
/// assigned partition is paused. Records of revoked partitions are dropped from the batch and never committed here.
/// </summary>
internal sealed class DeadLetterStoreLoop(
    KafkaClientFactory kafka,
    DeadLetterStore store,
    IOptions<DeadLetterStoreOptions> storeOptions,
    SinkMetrics metrics,
    DeadLetterStoreHealth health,
    ILogger<DeadLetterStoreWorker> logger,
    ILogger<SinkWorker> commitLogger)
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ObserveInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly DeadLetterStoreOptions _options = storeOptions.Value;
    private readonly List<(KeptDeadLetter DeadLetter, TopicPartitionOffset Offset)> _batch = [];
    private readonly PendingCommits _commits = new(health.Group, commitLogger);
    private long _batchStartedAt;
    private long _observedAt;

    private TimeSpan BatchAge => Stopwatch.GetElapsedTime(_batchStartedAt);

    public void Run(CancellationToken stoppingToken)
    {
        using IConsumer<string?, byte[]?> consumer = kafka.CreateConsumerBuilder<string?, byte[]?>(_options.ConsumerGroup, "f2-deadletter-store")
            .SetPartitionsRevokedHandler((consumer, partitions) => OnRevoked(consumer, [.. partitions.Select(partition => partition.TopicPartition)], lost: false))
            .SetPartitionsLostHandler((consumer, partitions) => OnRevoked(consumer, [.. partitions.Select(partition => partition.TopicPartition)], lost: true))
            .Build();
        consumer.Subscribe(KafkaTopics.DeadLetter);
        Log.Consuming(logger, KafkaTopics.DeadLetter, _options.ConsumerGroup);
        health.Running();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeResult<string?, byte[]?>? result = ConsumerPolling.Poll(consumer, _batch.Count == 0 ? IdlePoll : _options.Linger - BatchAge, logger);
                if (result?.Message is not null)
                {
                    Add(result);
                }

                if (_batch.Count > 0 && (_batch.Count >= _options.BatchSize || BatchAge >= _options.Linger))
                {
                    StoreWithRetry(consumer, stoppingToken);
                }

                ObserveAndRetryCommits(consumer);
            }

            if (_batch.Count > 0)
            {
                Log.DeadLettersNotStored(logger, _batch.Count);
            }
        }
        finally
        {
            consumer.Close();
        }
    }

    private void Add(ConsumeResult<string?, byte[]?> result)
    {
        KeptDeadLetter deadLetter = DeadLetterRecordReader.Read(result);
        if (deadLetter.Stage == DeadLetterRecordReader.Unknown)
        {
            Log.UnknownDeadLetter(logger, result.TopicPartitionOffset.ToString(), deadLetter.Detail ?? "");
        }

        if (_batch.Count == 0)
        {
            _batchStartedAt = Stopwatch.GetTimestamp();
        }

        _batch.Add((deadLetter, result.TopicPartitionOffset));
    }

    private void StoreWithRetry(IConsumer<string?, byte[]?> consumer, CancellationToken stoppingToken)
    {
        int failures = 0;
        while (_batch.Count > 0)
        {
            try
            {
                Store(consumer);
            }
            catch (Exception exception) when (DatabaseErrors.IsOutage(exception))
            {
                failures++;
                TimeSpan delay = Backoff.Delay(failures, FirstRetryDelay, _options.RetryMaxDelay);
                Log.DeadLetterWriteFailed(logger, exception, _batch.Count, failures, delay);
                health.Outage(exception.Message, failures);
                if (!ConsumerPolling.WaitPaused(consumer, delay, logger, stoppingToken))
                {
                    return;
                }
            }
        }

        if (failures > 0)
        {
            consumer.Resume(consumer.Assignment);
            health.Running();
            Log.DeadLetterWriteRecovered(logger, failures);
        }
    }

    /// <summary>Keeps the batch in one transaction, counts the rows inserted, then commits the batch's own offsets.</summary>
    private void Store(IConsumer<string?, byte[]?> consumer)
    {
        IReadOnlyList<(string Stage, string Reason)> inserted = store.Insert([.. _batch.Select(entry => entry.DeadLetter)]);
        foreach ((string stage, string reason) in inserted)
        {
            metrics.DeadLettersStored.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("stage", stage));
        }

        TopicPartitionOffset[] next = [.. _batch
            .GroupBy(entry => entry.Offset.TopicPartition)
            .Select(partition => new TopicPartitionOffset(partition.Key, partition.Max(entry => entry.Offset.Offset.Value) + 1))];
        _batch.Clear();
        _commits.Commit(consumer, next);
    }

    private void OnRevoked(IConsumer<string?, byte[]?> consumer, List<TopicPartition> partitions, bool lost)
    {
        int dropped = _batch.RemoveAll(entry => partitions.Contains(entry.Offset.TopicPartition));
        if (!lost)
        {
            _commits.Revoke(consumer, partitions);
        }

        Log.PartitionsRevoked(logger, string.Join(", ", partitions), dropped);
    }

    /// <summary>Once a second: another try for commits Kafka refused, and the assignment for health.</summary>
    private void ObserveAndRetryCommits(IConsumer<string?, byte[]?> consumer)
    {
        if (Stopwatch.GetElapsedTime(_observedAt) < ObserveInterval)
        {
            return;
        }

        _observedAt = Stopwatch.GetTimestamp();
        _commits.Retry(consumer);
        health.Group.Observe(consumer, KafkaTopics.DeadLetter);
    }
}

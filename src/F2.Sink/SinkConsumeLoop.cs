using System.Diagnostics;
using Confluent.Kafka;
using F2.Integrations;
using F2.Integrations.Kafka;
using F2.Protocol;
using F2.Storage;
using Microsoft.Extensions.Options;

namespace F2.Sink;

/// <summary>
/// The blocking consume loop of <see cref="SinkWorker"/>, run on its own thread. Batches records until
/// <c>Sink:BatchSize</c> rows or <c>Sink:Linger</c>, then settles the batch (<see cref="SinkBatchFlusher"/>: rows,
/// dead letters, then offsets). While PostgreSQL is down the
/// same batch is retried with backoff and every assigned partition is paused, so memory does not grow and the group
/// membership stays alive. Records of revoked partitions are dropped from the batch and never committed here.
/// </summary>
internal sealed class SinkConsumeLoop(
    KafkaClientFactory kafka,
    SinkBatchFlusher flusher,
    PendingCommits commits,
    IOptions<SinkOptions> sinkOptions,
    SinkMetrics metrics,
    SinkHealth health,
    ConsumerGroupHealth groupHealth,
    ILogger<SinkWorker> logger)
{
    private readonly SinkOptions _options = sinkOptions.Value;

    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LagInterval = TimeSpan.FromSeconds(1);
    /// <summary>A dead letter Kafka cannot take within this time fails the flush, which is then retried.</summary>
    private const int DeadLetterTimeoutMs = 30_000;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly SinkBatch _batch = new();
    private readonly ConsumedOffsetGaps _gaps = new();
    private long _lagUpdatedAt;

    public void Run(CancellationToken stoppingToken)
    {
        using IConsumer<byte[]?, byte[]?> consumer = kafka.CreateConsumerBuilder<byte[]?, byte[]?>(_options.ConsumerGroup, "f2-sink")
            .SetPartitionsAssignedHandler((consumer, partitions) =>
            {
                _gaps.Assigned(consumer, partitions);
                Log.PartitionsAssigned(logger, string.Join(", ", partitions));
            })
            .SetPartitionsRevokedHandler((consumer, partitions) => OnRevoked(consumer, [.. partitions.Select(partition => partition.TopicPartition)], lost: false))
            .SetPartitionsLostHandler((consumer, partitions) => OnRevoked(consumer, [.. partitions.Select(partition => partition.TopicPartition)], lost: true))
            .Build();
        using IProducer<byte[]?, byte[]?> deadLetterProducer = kafka
            .CreateProducerBuilder<byte[]?, byte[]?>("f2-sink-dead-letters", config => config.MessageTimeoutMs = DeadLetterTimeoutMs)
            .Build();
        using var originals = new RawOriginals(kafka);
        var deadLetters = new SinkDeadLetters(deadLetterProducer, originals);
        consumer.Subscribe(KafkaTopics.Decoded);
        Log.Consuming(logger, KafkaTopics.Decoded, _options.ConsumerGroup);
        health.Running();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeResult<byte[]?, byte[]?>? result = Poll(consumer, _batch.IsEmpty ? IdlePoll : _options.Linger - _batch.Age);
                if (result?.Message is not null)
                {
                    CheckForGap(result);
                    _batch.Add(SinkRecordReader.Read(result));
                    metrics.RecordsConsumed.Add(1);
                }

                if (!_batch.IsEmpty && (_batch.RowCount >= _options.BatchSize || _batch.Age >= _options.Linger))
                {
                    FlushWithRetry(consumer, deadLetters, stoppingToken);
                }

                UpdateLagAndRetryCommits(consumer);
            }

            FlushOnStop(consumer, deadLetters);
        }
        finally
        {
            consumer.Close();
        }
    }

    private void FlushWithRetry(IConsumer<byte[]?, byte[]?> consumer, SinkDeadLetters deadLetters, CancellationToken stoppingToken)
    {
        int failures = 0;
        while (!_batch.IsEmpty)
        {
            try
            {
                flusher.Flush(_batch, consumer, deadLetters);
            }
            catch (Exception exception) when (IsOutage(exception))
            {
                failures++;
                TimeSpan delay = Backoff.Delay(failures, FirstRetryDelay, _options.RetryMaxDelay);
                Log.BatchWriteFailed(logger, exception, _batch.RowCount, failures, delay);
                health.Outage(exception.Message, failures);
                if (!ConsumerPolling.WaitPaused(consumer, delay, logger, stoppingToken))
                {
                    Log.BatchAbandoned(logger, _batch.Records.Count);
                    _batch.Clear();
                    return;
                }
            }
        }

        if (failures > 0)
        {
            consumer.Resume(consumer.Assignment);
            health.Running();
            Log.BatchWriteRecovered(logger, failures);
        }
    }

    /// <summary>On stop: one attempt to store and commit the batch in hand; if that fails, nothing of it is committed.</summary>
    private void FlushOnStop(IConsumer<byte[]?, byte[]?> consumer, SinkDeadLetters deadLetters)
    {
        if (_batch.IsEmpty)
        {
            return;
        }

        try
        {
            flusher.Flush(_batch, consumer, deadLetters);
        }
        catch (Exception exception) when (IsOutage(exception))
        {
            Log.BatchAbandoned(logger, _batch.Records.Count);
            _batch.Clear();
        }
    }

    private ConsumeResult<byte[]?, byte[]?>? Poll(IConsumer<byte[]?, byte[]?> consumer, TimeSpan timeout)
        => ConsumerPolling.Poll(consumer, timeout, logger);

    private void CheckForGap(ConsumeResult<byte[]?, byte[]?> result)
    {
        if (_gaps.Consumed(result.TopicPartitionOffset) is > 0 and long skipped)
        {
            Log.RecordsSkipped(logger, skipped, result.TopicPartition.ToString(), result.Offset.Value - skipped, result.Offset.Value - 1);
            metrics.RecordsSkipped.Add(skipped);
        }
    }

    private void OnRevoked(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions, bool lost)
    {
        int dropped = _batch.Remove(partitions);
        _gaps.Revoked(partitions);
        if (!lost)
        {
            commits.Revoke(consumer, partitions);
        }

        foreach (TopicPartition partition in partitions)
        {
            metrics.ForgetLag(partition.Partition.Value);
        }

        Log.PartitionsRevoked(logger, string.Join(", ", partitions), dropped);
    }

    /// <summary>Once a second: the lag gauge's values, another try for commits Kafka refused, and the assignment for health.</summary>
    private void UpdateLagAndRetryCommits(IConsumer<byte[]?, byte[]?> consumer)
    {
        if (Stopwatch.GetElapsedTime(_lagUpdatedAt) < LagInterval)
        {
            return;
        }

        _lagUpdatedAt = Stopwatch.GetTimestamp();
        commits.Retry(consumer);
        groupHealth.Observe(consumer, KafkaTopics.Decoded);
        foreach (TopicPartition partition in consumer.Assignment)
        {
            WatermarkOffsets watermarks = consumer.GetWatermarkOffsets(partition);
            Offset position = consumer.Position(partition);
            if (watermarks.High != Offset.Unset && position != Offset.Unset)
            {
                metrics.SetLag(partition.Partition.Value, Math.Max(0, watermarks.High.Value - position.Value));
            }
        }
    }


    /// <summary>PostgreSQL down, or Kafka unable to take a dead letter: wait and retry the same batch.</summary>
    private static bool IsOutage(Exception exception)
        => DatabaseErrors.IsOutage(exception) || exception is KafkaException { Error.IsFatal: false };
}

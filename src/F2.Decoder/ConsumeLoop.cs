using System.Diagnostics;
using Confluent.Kafka;
using F2.Integrations.Kafka;
using F2.Protocol;
using Microsoft.Extensions.Options;

namespace F2.Decoder;

/// <summary>
/// The blocking consume loop (run on its own thread): consume, decode, produce the output, and commit per partition
/// the offsets below which every record's output Kafka has acknowledged. Consuming pauses while
/// <see cref="DecoderOptions.MaxInFlight"/> records wait for Kafka.
/// </summary>
internal sealed class ConsumeLoop(
    KafkaClientFactory kafka,
    RawRecordDecoder decoder,
    OutputProducer output,
    OffsetTracker tracker,
    DecoderMetrics metrics,
    ConsumerGroupHealth groupHealth,
    IOptions<DecoderOptions> options,
    ILogger<ConsumeLoop> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly DecoderOptions _options = options.Value;
    private readonly ConsumedOffsetGaps _gaps = new();
    private bool _paused;

    public void Run(CancellationToken stoppingToken)
    {
        using var consumer = kafka.CreateConsumerBuilder<string?, byte[]>(_options.ConsumerGroup, _options.ConsumerGroup)
            .SetPartitionsAssignedHandler(OnAssigned)
            .SetPartitionsRevokedHandler(OnRevoked)
            .SetPartitionsLostHandler((_, partitions) => OnLost(partitions))
            .Build();
        consumer.Subscribe(KafkaTopics.Raw);
        try
        {
            long lastCommit = Stopwatch.GetTimestamp();
            while (!stoppingToken.IsCancellationRequested)
            {
                output.RetryDue();
                Throttle(consumer);
                if (Consume(consumer) is { IsPartitionEOF: false } consumed)
                {
                    Process(consumed);
                }

                if (Stopwatch.GetElapsedTime(lastCommit) >= _options.CommitInterval)
                {
                    Commit(consumer, tracker.Committable());
                    ReportLag(consumer);
                    groupHealth.Observe(consumer, KafkaTopics.Raw);
                    lastCommit = Stopwatch.GetTimestamp();
                }
            }

            Log.Stopping(logger, tracker.Pending);
            output.Flush(_options.DrainTimeout);
            Commit(consumer, tracker.Committable());
        }
        finally
        {
            consumer.Close();
            Log.Stopped(logger);
        }
    }

    private ConsumeResult<string?, byte[]>? Consume(IConsumer<string?, byte[]> consumer)
    {
        try
        {
            return consumer.Consume(PollInterval);
        }
        catch (ConsumeException exception) when (!exception.Error.IsFatal)
        {
            Log.ConsumeFailed(logger, exception.Error.Reason);
            return null;
        }
    }

    private void Process(ConsumeResult<string?, byte[]> consumed)
    {
        if (_gaps.Consumed(consumed.TopicPartitionOffset) is > 0 and long skipped)
        {
            Log.RecordsSkipped(logger, skipped, consumed.TopicPartition.ToString(), consumed.Offset.Value - skipped, consumed.Offset.Value - 1);
            metrics.Skipped(skipped);
        }

        var progress = tracker.Begin(consumed.TopicPartitionOffset);
        using var activity = DecoderTracing.StartProcess(consumed, _options.ConsumerGroup);
        var record = decoder.Decode(consumed, activity);
        output.Send(record, progress, consumed.Offset.Value);
    }

    /// <summary>
    /// Pauses the assigned partitions while too many records wait for Kafka (again on every pass, so that partitions
    /// assigned meanwhile are paused too), and resumes them all once below the limit.
    /// </summary>
    private void Throttle(IConsumer<string?, byte[]> consumer)
    {
        if (tracker.Pending >= _options.MaxInFlight)
        {
            consumer.Pause(consumer.Assignment);
            _paused = true;
        }
        else if (_paused)
        {
            consumer.Resume(consumer.Assignment);
            _paused = false;
        }
    }

    private void Commit(IConsumer<string?, byte[]> consumer, List<TopicPartitionOffset> offsets)
    {
        if (offsets.Count == 0)
        {
            return;
        }

        try
        {
            consumer.Commit(offsets);
            tracker.Committed(offsets);
            groupHealth.CommitSucceeded();
        }
        catch (KafkaException exception) when (!exception.Error.IsFatal)
        {
            groupHealth.CommitFailed(exception.Error.Reason);
            Log.CommitFailed(logger, exception.Error.Reason);
        }
    }

    private void ReportLag(IConsumer<string?, byte[]> consumer)
    {
        var lag = new List<(int, long)>();
        foreach (var partition in consumer.Assignment)
        {
            var watermarks = consumer.GetWatermarkOffsets(partition);
            var position = consumer.Position(partition);
            if (watermarks.High != Offset.Unset && position != Offset.Unset)
            {
                lag.Add((partition.Partition.Value, Math.Max(0, watermarks.High.Value - position.Value)));
            }
        }

        metrics.Lag(lag);
    }

    private void OnAssigned(IConsumer<string?, byte[]> consumer, List<TopicPartition> partitions)
    {
        _gaps.Assigned(consumer, partitions);
        Log.Assigned(logger, string.Join(", ", partitions.Select(partition => partition.Partition.Value)));
    }

    private void OnRevoked(IConsumer<string?, byte[]> consumer, List<TopicPartitionOffset> revoked)
    {
        var partitions = revoked.Select(offset => offset.TopicPartition).ToList();
        output.Flush(_options.DrainTimeout);
        Commit(consumer, tracker.Committable(partitions));
        tracker.Remove(partitions);
        _gaps.Revoked(partitions);
        Log.Revoked(logger, string.Join(", ", partitions.Select(partition => partition.Partition.Value)));
    }

    private void OnLost(List<TopicPartitionOffset> lost)
    {
        var partitions = lost.Select(offset => offset.TopicPartition).ToList();
        tracker.Remove(partitions);
        _gaps.Revoked(partitions);
        Log.Lost(logger, string.Join(", ", partitions.Select(partition => partition.Partition.Value)));
    }
}

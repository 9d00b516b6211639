using System.Diagnostics;
using Confluent.Kafka;
using F2.Integrations.Kafka;
using F2.Protocol;
using F2.Sink.Storage;

namespace F2.Sink;

/// <summary>
/// The blocking consume loop of <see cref="SinkWorker"/>, run on its own thread. Batches records until
/// <c>Sink:BatchSize</c> rows or <c>Sink:Linger</c>, writes them (see <see cref="MeasurementWriter"/>), dead-letters
/// the invalid ones, then commits per partition the offset after the batch's last record. While PostgreSQL is down the
/// same batch is retried with backoff and every assigned partition is paused, so memory does not grow and the group
/// membership stays alive. Records of revoked partitions are dropped from the batch and never committed here.
/// </summary>
internal sealed class SinkConsumeLoop(
    KafkaClientFactory kafka,
    MeasurementWriter writer,
    SinkOptions options,
    SinkMetrics metrics,
    SinkHealth health,
    ILogger logger)
{
    public const string ConsumerGroup = "f2-sink";

    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LagInterval = TimeSpan.FromSeconds(1);
    /// <summary>A dead letter Kafka cannot take within this time fails the flush, which is then retried.</summary>
    private const int DeadLetterTimeoutMs = 30_000;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly SinkBatch _batch = new();
    private long _lagUpdatedAt;

    public void Run(CancellationToken stoppingToken)
    {
        using IConsumer<byte[]?, byte[]?> consumer = kafka.CreateConsumerBuilder<byte[]?, byte[]?>(ConsumerGroup, "f2-sink")
            .SetPartitionsAssignedHandler((_, partitions) => Log.PartitionsAssigned(logger, string.Join(", ", partitions)))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked([.. partitions.Select(partition => partition.TopicPartition)]))
            .SetPartitionsLostHandler((_, partitions) => OnRevoked([.. partitions.Select(partition => partition.TopicPartition)]))
            .Build();
        using IProducer<byte[]?, byte[]?> deadLetters = kafka
            .CreateProducerBuilder<byte[]?, byte[]?>("f2-sink-dead-letters", config => config.MessageTimeoutMs = DeadLetterTimeoutMs)
            .Build();
        consumer.Subscribe(KafkaTopics.Decoded);
        Log.Consuming(logger, KafkaTopics.Decoded, ConsumerGroup);
        health.Running();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeResult<byte[]?, byte[]?>? result = Poll(consumer, _batch.IsEmpty ? IdlePoll : options.Linger - _batch.Age);
                if (result?.Message is not null)
                {
                    _batch.Add(SinkRecordReader.Read(result));
                    metrics.RecordsConsumed.Add(1);
                }

                if (!_batch.IsEmpty && (_batch.RowCount >= options.BatchSize || _batch.Age >= options.Linger))
                {
                    FlushWithRetry(consumer, deadLetters, stoppingToken);
                }

                UpdateLag(consumer);
            }

            FlushOnStop(consumer, deadLetters);
        }
        finally
        {
            consumer.Close();
        }
    }

    private void FlushWithRetry(IConsumer<byte[]?, byte[]?> consumer, IProducer<byte[]?, byte[]?> deadLetters, CancellationToken stoppingToken)
    {
        int failures = 0;
        while (!_batch.IsEmpty)
        {
            try
            {
                Flush(consumer, deadLetters);
            }
            catch (Exception exception) when (IsOutage(exception))
            {
                failures++;
                TimeSpan delay = RetryDelay(failures);
                Log.BatchWriteFailed(logger, exception, _batch.RowCount, failures, delay);
                health.Outage(exception.Message, failures);
                if (!WaitPaused(consumer, delay, stoppingToken))
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
    private void FlushOnStop(IConsumer<byte[]?, byte[]?> consumer, IProducer<byte[]?, byte[]?> deadLetters)
    {
        if (_batch.IsEmpty)
        {
            return;
        }

        try
        {
            Flush(consumer, deadLetters);
        }
        catch (Exception exception) when (IsOutage(exception))
        {
            Log.BatchAbandoned(logger, _batch.Records.Count);
            _batch.Clear();
        }
    }

    private void Flush(IConsumer<byte[]?, byte[]?> consumer, IProducer<byte[]?, byte[]?> deadLetters)
    {
        IReadOnlyList<SinkRecord> records = _batch.Records;
        using Activity? activity = SinkTracing.StartBatchWrite(records, _batch.RowCount);
        try
        {
            if (!_batch.RowsCommitted)
            {
                WriteRows(activity);
            }

            foreach (SinkRecord record in records.Where(record => record.InvalidDetail is not null && !record.DeadLettered))
            {
                SinkDeadLetters.Send(deadLetters, record);
                record.DeadLettered = true;
                metrics.RecordsDeadLettered.Add(1);
                Log.RecordDeadLettered(logger, record.Source, record.InvalidDetail!, KafkaTopics.DeadLetter);
            }
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            throw;
        }

        Commit(consumer);
        activity?.Stop();
        SinkTracing.RecordsSettled(records, activity, ConsumerGroup);
        _batch.Clear();
    }

    private void WriteRows(Activity? activity)
    {
        List<DecodedMessage> messages = _batch.Messages();
        long started = Stopwatch.GetTimestamp();
        WriteResult written = writer.Write(messages);
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        _batch.RowsCommitted = true;

        DateTime committedAt = DateTime.UtcNow;
        metrics.CommitDuration.Record(seconds);
        metrics.BatchSize.Record(written.RowsOffered);
        metrics.RowsWritten.Add(written.RowsInserted);
        metrics.RowsDuplicate.Add(written.Duplicates);
        foreach (DecodedMessage message in messages)
        {
            metrics.PipelineLatency.Record((committedAt - message.ReceivedAt).TotalSeconds);
            if (message.Rows.Count > 0)
            {
                metrics.EndToEndLatency.Record((committedAt - message.Rows[0].Time).TotalSeconds);
            }
        }

        activity?.SetTag("f2.sink.rows_inserted", written.RowsInserted);
        Log.BatchWritten(logger, written.RowsInserted, written.RowsOffered, _batch.Records.Count, seconds);
    }

    /// <summary>Commits exactly this batch: per partition, the offset after its last record.</summary>
    private void Commit(IConsumer<byte[]?, byte[]?> consumer)
    {
        try
        {
            consumer.Commit(_batch.CommitOffsets());
        }
        catch (KafkaException exception) when (!exception.Error.IsFatal)
        {
            Log.CommitFailed(logger, exception);
        }
    }

    /// <summary>Waits out a retry delay with every partition paused, still polling so the group membership stays alive.</summary>
    private bool WaitPaused(IConsumer<byte[]?, byte[]?> consumer, TimeSpan delay, CancellationToken stoppingToken)
    {
        consumer.Pause(consumer.Assignment);
        long started = Stopwatch.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan left = delay - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return true;
            }

            ConsumeResult<byte[]?, byte[]?>? result = Poll(consumer, left < IdlePoll ? left : IdlePoll);
            if (result?.Message is not null)
            {
                // A partition assigned during the outage is not paused yet: put its record back for later.
                consumer.Seek(result.TopicPartitionOffset);
                consumer.Pause([result.TopicPartition]);
            }
        }

        return false;
    }

    private ConsumeResult<byte[]?, byte[]?>? Poll(IConsumer<byte[]?, byte[]?> consumer, TimeSpan timeout)
    {
        try
        {
            return consumer.Consume(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero);
        }
        catch (ConsumeException exception) when (!exception.Error.IsFatal)
        {
            Log.ConsumeError(logger, exception.Error.Reason);
            return null;
        }
    }

    private void OnRevoked(List<TopicPartition> partitions)
    {
        int dropped = _batch.Remove(partitions);
        foreach (TopicPartition partition in partitions)
        {
            metrics.ForgetLag(partition.Partition.Value);
        }

        Log.PartitionsRevoked(logger, string.Join(", ", partitions), dropped);
    }

    private void UpdateLag(IConsumer<byte[]?, byte[]?> consumer)
    {
        if (Stopwatch.GetElapsedTime(_lagUpdatedAt) < LagInterval)
        {
            return;
        }

        _lagUpdatedAt = Stopwatch.GetTimestamp();
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

    private TimeSpan RetryDelay(int failures)
    {
        double milliseconds = FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 16));
        return TimeSpan.FromMilliseconds(Math.Min(milliseconds, options.RetryMaxDelay.TotalMilliseconds));
    }

    /// <summary>PostgreSQL down, or Kafka unable to take a dead letter: wait and retry the same batch.</summary>
    private static bool IsOutage(Exception exception)
        => DatabaseErrors.IsOutage(exception) || exception is KafkaException { Error.IsFatal: false };
}

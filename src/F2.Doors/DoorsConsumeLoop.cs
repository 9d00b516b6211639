using System.Diagnostics;
using Confluent.Kafka;
using F2.Doors.Derivation;
using F2.Doors.Storage;
using F2.Storage;
using F2.Integrations;
using F2.Integrations.Kafka;
using F2.Integrations.Telemetry;
using F2.Protocol;

namespace F2.Doors;

/// <summary>
/// The blocking consume loop of <see cref="DoorsWorker"/>, run on its own thread. Feeds each decoded message to the
/// <see cref="DoorDeriver"/>, and every <c>Doors:BatchSize</c> messages or <c>Doors:Linger</c> writes the released
/// events, the touched door state and the next offsets in one transaction (<see cref="DoorStore"/>), then commits the
/// offsets to Kafka. A partition's owner resumes from the offsets stored with the state, not from Kafka's. When a write
/// fails the deriver is rebuilt from telemetrydb and each partition sought back, so memory never runs ahead of the
/// database.
/// </summary>
internal sealed class DoorsConsumeLoop(
    KafkaClientFactory kafka,
    DoorStore store,
    DoorSettingsCache settings,
    DoorsOptions options,
    DoorsMetrics metrics,
    DoorsHealth health,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly DoorBatch _batch = new();
    private readonly DoorDeriver _deriver = new(DoorSettingsTable.Empty);
    private readonly SilenceFallback _fallback = new(options.SilenceFallback, time);
    private readonly Dictionary<string, int> _partitionOf = new(StringComparer.Ordinal);
    private long _fallbackCheckedAt;
    private int _failures;

    public void Run(CancellationToken stoppingToken)
    {
        using IConsumer<byte[]?, byte[]?> consumer = kafka.CreateConsumerBuilder<byte[]?, byte[]?>(options.ConsumerGroup, "f2-doors")
            .SetPartitionsAssignedHandler((_, partitions) => Assign(partitions, stoppingToken))
            .SetPartitionsRevokedHandler((c, partitions) => Revoke(c, [.. partitions.Select(p => p.TopicPartition)], lost: false, stoppingToken))
            .SetPartitionsLostHandler((c, partitions) => Revoke(c, [.. partitions.Select(p => p.TopicPartition)], lost: true, stoppingToken))
            .Build();
        consumer.Subscribe(KafkaTopics.Decoded);
        Log.Consuming(logger, KafkaTopics.Decoded, options.ConsumerGroup);
        health.Running();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                _deriver.Settings = settings.Current;
                ConsumeResult<byte[]?, byte[]?>? result = Poll(consumer, _batch.IsEmpty ? IdlePoll : options.Linger - _batch.Age);
                if (result?.Message is not null)
                {
                    Process(result);
                }

                RunFallback();
                if (!_batch.IsEmpty && (_batch.MessageCount >= options.BatchSize || _batch.Age >= options.Linger))
                {
                    FlushWithRetry(consumer, stoppingToken);
                }
            }
        }
        finally
        {
            consumer.Close();
        }
    }

    private void Process(ConsumeResult<byte[]?, byte[]?> result)
    {
        int partition = result.Partition.Value;
        _batch.Consumed(partition, result.Offset.Value);
        metrics.Messages.Add(1);
        if (DoorsTracing.IsOn)
        {
            _batch.Traces.Add(new(
                TraceContext.TryExtract(result.Message.Headers, out ActivityContext context) ? context : default, time.GetUtcNow(), partition, result.Offset.Value));
        }

        if (result.Message.Value is not { } value || !DecodedMessageJson.TryDeserialize(value, out DecodedMessage? message))
        {
            metrics.RecordsInvalid.Add(1);
            Log.RecordInvalid(logger, partition, result.Offset.Value);
            return;
        }

        SignalCounts before = _deriver.Counts;
        if (_deriver.Process(message, _batch.Events) is { } device)
        {
            _batch.Touch(device, partition);
            _partitionOf[device] = partition;
            _fallback.Arrived(device, _deriver.Devices[device].Clock!.Value, partition);
        }

        SignalCounts after = _deriver.Counts;
        _batch.Counts.Accepted += after.Accepted - before.Accepted;
        _batch.Counts.Late += after.Late - before.Late;
        _batch.Counts.Duplicate += after.Duplicate - before.Duplicate;
        _batch.Counts.Ignored += after.Ignored - before.Ignored;
    }

    /// <summary>Spec 4.6: a synthetic message for each silent device, checked a few times per fallback period.</summary>
    private void RunFallback()
    {
        if (!_fallback.IsOn || time.GetElapsedTime(_fallbackCheckedAt) < options.SilenceFallback / 10)
        {
            return;
        }

        _fallbackCheckedAt = time.GetTimestamp();
        foreach ((string device, long clock, int partition) in _fallback.Silent().ToList())
        {
            if (_deriver.Devices.TryGetValue(device, out DeviceState? state) && state.Doors.Values.Any(door => !door.IsIdle))
            {
                _deriver.AdvanceClock(device, clock, _batch.Events);
                _batch.Touch(device, partition);
            }
        }
    }

    /// <summary>
    /// Writes the batch; when the database is down, waits (backing off over consecutive failures), then rebuilds memory
    /// from the database and seeks back, so the same messages are processed again.
    /// </summary>
    private void FlushWithRetry(IConsumer<byte[]?, byte[]?> consumer, CancellationToken stoppingToken)
    {
        try
        {
            Flush(consumer, stoppingToken);
            if (_failures > 0)
            {
                _failures = 0;
                health.Running();
            }
        }
        catch (Exception exception) when (DatabaseErrors.IsOutage(exception) && !stoppingToken.IsCancellationRequested)
        {
            _failures++;
            TimeSpan delay = Backoff.Delay(_failures, FirstRetryDelay, options.RetryMaxDelay);
            Log.BatchWriteFailed(logger, exception, _batch.MessageCount, _failures, delay);
            health.Outage(exception.Message, _failures);
            stoppingToken.WaitHandle.WaitOne(delay);
            if (!stoppingToken.IsCancellationRequested)
            {
                Reload(consumer, stoppingToken);
            }
        }
    }

    private void Flush(IConsumer<byte[]?, byte[]?> consumer, CancellationToken stoppingToken)
    {
        long started = Stopwatch.GetTimestamp();
        List<string> written;
        using (Activity? write = DoorsTracing.StartBatchWrite(_batch.Traces, _batch.MessageCount, _batch.Events.Count))
        {
            written = store.WriteAsync(_batch, StateOf, stoppingToken).GetAwaiter().GetResult();
            DoorsTracing.RecordsSettled(_batch.Traces, write, options.ConsumerGroup);
        }

        metrics.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        metrics.AddSignals(_batch.Counts);
        foreach (IGrouping<string, string> type in written.GroupBy(t => t, StringComparer.Ordinal))
        {
            metrics.Events.Add(type.Count(), new KeyValuePair<string, object?>("event_type", type.Key));
        }

        List<TopicPartitionOffset> offsets = [.. _batch.NextOffsets.Select(o => new TopicPartitionOffset(KafkaTopics.Decoded, o.Key, o.Value))];
        _batch.Clear();
        if (offsets.Count > 0)
        {
            try
            {
                consumer.Commit(offsets);
            }
            catch (KafkaException exception)
            {
                Log.CommitFailed(logger, exception);
            }
        }
    }

    private DeviceState? StateOf(string device) => _deriver.Devices.GetValueOrDefault(device);

    /// <summary>After a failed write: forget what memory holds beyond the database and seek every partition back.</summary>
    private void Reload(IConsumer<byte[]?, byte[]?> consumer, CancellationToken stoppingToken)
    {
        List<TopicPartition> assigned = consumer.Assignment;
        ForgetAll();
        foreach (TopicPartitionOffset offset in Assign(assigned, stoppingToken))
        {
            consumer.Seek(offset.Offset == Offset.Unset ? new TopicPartitionOffset(offset.TopicPartition, Offset.Beginning) : offset);
        }
    }

    private IEnumerable<TopicPartitionOffset> Assign(List<TopicPartition> partitions, CancellationToken stoppingToken)
    {
        var offsets = new List<TopicPartitionOffset>();
        foreach (TopicPartition partition in partitions)
        {
            (Dictionary<string, DeviceState> devices, long? next) = LoadWithRetry(partition.Partition.Value, stoppingToken);
            foreach ((string device, DeviceState state) in devices)
            {
                _deriver.Devices[device] = state;
                _partitionOf[device] = partition.Partition.Value;
            }

            offsets.Add(new TopicPartitionOffset(partition, next is { } value ? new Offset(value) : Offset.Unset));
        }

        Log.PartitionsAssigned(logger, string.Join(", ", partitions), string.Join(", ", offsets.Select(o => $"{o.Partition.Value}@{o.Offset}")));
        return offsets;
    }

    private (Dictionary<string, DeviceState>, long?) LoadWithRetry(int partition, CancellationToken stoppingToken)
    {
        for (int failures = 1; ; failures++)
        {
            try
            {
                return store.LoadAsync(partition, stoppingToken).GetAwaiter().GetResult();
            }
            catch (Exception exception) when (DatabaseErrors.IsOutage(exception) && !stoppingToken.IsCancellationRequested)
            {
                TimeSpan delay = Backoff.Delay(failures, FirstRetryDelay, options.RetryMaxDelay);
                Log.BatchWriteFailed(logger, exception, 0, failures, delay);
                health.Outage(exception.Message, failures);
                stoppingToken.WaitHandle.WaitOne(delay);
            }
        }
    }

    /// <summary>
    /// Partitions revoked (the group's eager protocol revokes all at once) or lost: the batch in hand is written if it
    /// can be (it agrees with memory), then memory is emptied; the next assignment loads what the database holds.
    /// </summary>
    private void Revoke(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions, bool lost, CancellationToken stoppingToken)
    {
        if (!lost && !_batch.IsEmpty)
        {
            try
            {
                Flush(consumer, stoppingToken);
            }
            catch (Exception exception) when (DatabaseErrors.IsOutage(exception))
            {
                Log.BatchWriteFailed(logger, exception, _batch.MessageCount, 1, TimeSpan.Zero);
            }
        }

        ForgetAll();
        Log.PartitionsRevoked(logger, string.Join(", ", partitions));
    }

    private void ForgetAll()
    {
        _deriver.Devices.Clear();
        _partitionOf.Clear();
        _fallback.Clear();
        _batch.Clear();
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
}

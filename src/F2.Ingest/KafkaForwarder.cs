using System.Diagnostics;
using System.Threading.Channels;
using Confluent.Kafka;
using F2.Integrations;
using Microsoft.Extensions.Options;

namespace F2.Ingest;

/// <summary>
/// Takes messages from the channel and hands each record to the Kafka producer without waiting for it (librdkafka
/// batches them); each delivery report passes its message on: acknowledged ones to a single acknowledging loop that
/// acknowledges them to the broker, failed ones (timeout, outage) to a retry loop that produces them again after a
/// backoff while they stay in hand and unacknowledged. Only a fatal producer error or a failed loop ends the forwarding.
/// Each message's <see cref="IngestMessage.Delivery"/> acknowledges it; the retry state is the forwarder's own.
/// At most <see cref="IngestOptions.MaxInFlight"/> messages are in hand (<see cref="IngestWindow"/>); each leaves the
/// window when it is acknowledged or left to the broker's redelivery.
/// </summary>
internal sealed class KafkaForwarder(
    IProducer<string?, byte[]> producer,
    IOptions<IngestOptions> options,
    IngestWindow window,
    IngestStatus status,
    IngestMetrics metrics,
    ILogger<KafkaForwarder> logger)
{
    /// <summary>A PUBACK is 4 to 6 bytes: a few hundred fit one TCP segment.</summary>
    private const int MaxAcknowledgementsPerWrite = 256;

    private readonly IngestOptions _options = options.Value;
    private readonly Channel<Forwarding> _delivered = Channel.CreateUnbounded<Forwarding>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<Forwarding> _failed = Channel.CreateUnbounded<Forwarding>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _fatalStop = new();
    private volatile Error? _fatal;
    private volatile Exception? _loopFault;
    private int _inHand;
    private volatile bool _intakeCompleted;

    /// <summary>
    /// Runs until the channel is completed and every message taken is settled (acknowledged, or left to the broker's
    /// redelivery), until <paramref name="abandon"/> fires, or until the producer fails fatally or the acknowledging or
    /// retrying loop fails (then throws: a message those loops hold would otherwise stay unacknowledged for good).
    /// </summary>
    public async Task RunAsync(ChannelReader<IngestMessage> reader, CancellationToken abandon)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(abandon, _fatalStop.Token);
        var acknowledging = Observed("acknowledging", AcknowledgeAllAsync(stop.Token), stop);
        var retrying = Observed("retrying", RetryAllAsync(stop.Token), stop);
        try
        {
            await ProduceAllAsync(reader, stop.Token);
            _intakeCompleted = true;
            if (Volatile.Read(ref _inHand) == 0)
            {
                _settled.TrySetResult();
            }

            await _settled.Task.WaitAsync(stop.Token);
        }
        catch (OperationCanceledException) when (_fatal is { } fatal && !abandon.IsCancellationRequested)
        {
            throw new KafkaException(fatal);
        }
        catch (OperationCanceledException) when (_loopFault is { } fault && !abandon.IsCancellationRequested)
        {
            throw new InvalidOperationException("An Ingest forwarding loop failed.", fault);
        }
        finally
        {
            _delivered.Writer.TryComplete();
            _failed.Writer.TryComplete();
            await Task.WhenAll(acknowledging, retrying).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>A loop that ends with an exception (not by being stopped) logs it and stops the forwarding.</summary>
    private async Task Observed(string name, Task loop, CancellationTokenSource stop)
    {
        try
        {
            await loop;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            Log.LoopFailed(logger, name, exception);
            _loopFault = exception;
            await stop.CancelAsync();
            throw;
        }
    }

    private async Task ProduceAllAsync(ChannelReader<IngestMessage> reader, CancellationToken stop)
    {
        while (await reader.WaitToReadAsync(stop))
        {
            while (reader.TryRead(out var message))
            {
                Interlocked.Increment(ref _inHand);
                var (topic, record) = IngestRecords.Create(message);
                Produce(new Forwarding(message, topic, record));
            }
        }
    }

    private void Produce(Forwarding forwarding)
    {
        forwarding.ProduceStarted = Stopwatch.GetTimestamp();
        try
        {
            producer.Produce(forwarding.KafkaTopic, forwarding.Record, report => OnDelivered(forwarding, report.Error));
        }
        catch (ProduceException<string?, byte[]> exception)
        {
            // Refused before it was sent (e.g. the local queue is full): like a failed delivery.
            OnDelivered(forwarding, exception.Error);
        }
    }

    /// <summary>Runs on the producer's delivery-report thread: passes the message on, never blocks.</summary>
    private void OnDelivered(Forwarding forwarding, Error error)
    {
        var message = forwarding.Message;
        if (!error.IsError)
        {
            metrics.Produced(message.Rejection, forwarding.ProduceStarted);
            if (status.ProduceSucceeded())
            {
                Log.ProduceRecovered(logger);
            }

            if (!_delivered.Writer.TryWrite(forwarding))
            {
                Release(message); // Stopping: left unacknowledged, the broker redelivers it.
            }

            return;
        }

        if (error.IsFatal)
        {
            Log.ProducerFatal(logger, error.Reason);
            message.Activity?.SetStatus(ActivityStatusCode.Error, error.Reason);
            Release(message);
            _fatal = error;
            _fatalStop.Cancel();
            return;
        }

        metrics.ProduceRetried();
        forwarding.FailedAttempts++;
        forwarding.RetryDelay = Backoff.DelayWithJitter(forwarding.FailedAttempts, _options.ProduceRetryDelayMax);
        if (status.ProduceFailed())
        {
            Log.ProduceFailed(logger, forwarding.KafkaTopic, error.Reason, forwarding.RetryDelay);
        }
        else
        {
            Log.ProduceRetrying(logger, forwarding.KafkaTopic, error.Reason, forwarding.RetryDelay);
        }

        message.Activity?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { ["error.type"] = error.Code.ToString() }));
        forwarding.FailedAt = Stopwatch.GetTimestamp();
        if (!_failed.Writer.TryWrite(forwarding))
        {
            Release(message);
        }
    }

    /// <summary>
    /// Acknowledges the messages Kafka acknowledged, in delivery order: all those waiting (up to
    /// <see cref="MaxAcknowledgementsPerWrite"/>) in one write to the connection.
    /// </summary>
    private async Task AcknowledgeAllAsync(CancellationToken stop)
    {
        var reader = _delivered.Reader;
        while (await reader.WaitToReadAsync(stop))
        {
            if (!reader.TryRead(out var forwarding))
            {
                continue;
            }

            await using var held = forwarding.Message.Delivery.HoldWrites();
            int count = 0;
            do
            {
                try
                {
                    await forwarding.Message.Delivery.AcknowledgeAsync(stop);
                }
                finally
                {
                    Release(forwarding.Message);
                }
            }
            while (++count < MaxAcknowledgementsPerWrite && reader.TryRead(out forwarding));
        }
    }

    /// <summary>Produces failed messages again once their backoff has passed, unless the broker redelivers them anyway.</summary>
    private async Task RetryAllAsync(CancellationToken stop)
    {
        await foreach (var forwarding in _failed.Reader.ReadAllAsync(stop))
        {
            var wait = forwarding.RetryDelay - Stopwatch.GetElapsedTime(forwarding.FailedAt);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, stop);
            }

            if (forwarding.Message.Delivery.WillRedeliver)
            {
                // Its copy from the new connection takes over; holding both would double the memory per reconnect.
                Log.LeftForRedelivery(logger, forwarding.Message.Topic);
                Release(forwarding.Message);
                continue;
            }

            Produce(forwarding);
        }
    }

    private void Release(IngestMessage message)
    {
        message.Activity?.Dispose();
        window.Leave();
        if (Interlocked.Decrement(ref _inHand) == 0 && _intakeCompleted)
        {
            _settled.TrySetResult();
        }
    }

    /// <summary>A message on its way to Kafka: its record, built once and produced again as it is on a retry, and its attempts.</summary>
    private sealed class Forwarding(IngestMessage message, string kafkaTopic, Message<string?, byte[]> record)
    {
        public IngestMessage Message { get; } = message;

        /// <summary><c>raw_iot_data</c>, or <c>dead_letter_iot_data</c> for a rejected message.</summary>
        public string KafkaTopic { get; } = kafkaTopic;

        public Message<string?, byte[]> Record { get; } = record;

        /// <summary>When the current produce attempt started (<see cref="Stopwatch.GetTimestamp"/>).</summary>
        public long ProduceStarted { get; set; }

        /// <summary>Produce attempts that failed so far.</summary>
        public int FailedAttempts { get; set; }

        /// <summary>When the last attempt failed (<see cref="Stopwatch.GetTimestamp"/>), and how long to wait before the next.</summary>
        public long FailedAt { get; set; }

        public TimeSpan RetryDelay { get; set; }
    }
}

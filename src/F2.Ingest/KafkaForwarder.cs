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
/// At most <see cref="IngestOptions.MaxInFlight"/> messages are in hand: the broker sends no more unacknowledged ones.
/// </summary>
internal sealed class KafkaForwarder(
    IProducer<string?, byte[]> producer,
    MqttConnection connection,
    IOptions<IngestOptions> options,
    IngestStatus status,
    IngestMetrics metrics,
    ILogger<KafkaForwarder> logger)
{
    /// <summary>A PUBACK is 4 to 6 bytes: a few hundred fit one TCP segment.</summary>
    private const int MaxAcknowledgementsPerWrite = 256;

    private readonly IngestOptions _options = options.Value;
    private readonly Channel<IngestMessage> _delivered = Channel.CreateUnbounded<IngestMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<IngestMessage> _failed = Channel.CreateUnbounded<IngestMessage>(new UnboundedChannelOptions { SingleReader = true });
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
                message.SetRecord(topic, record);
                Produce(message);
            }
        }
    }

    private void Produce(IngestMessage message)
    {
        message.ProduceStarted = Stopwatch.GetTimestamp();
        try
        {
            producer.Produce(message.KafkaTopic, message.Record, report => OnDelivered(message, report.Error));
        }
        catch (ProduceException<string?, byte[]> exception)
        {
            // Refused before it was sent (e.g. the local queue is full): like a failed delivery.
            OnDelivered(message, exception.Error);
        }
    }

    /// <summary>Runs on the producer's delivery-report thread: passes the message on, never blocks.</summary>
    private void OnDelivered(IngestMessage message, Error error)
    {
        if (!error.IsError)
        {
            metrics.Produced(message.Rejection, message.ProduceStarted);
            if (status.ProduceSucceeded())
            {
                Log.ProduceRecovered(logger);
            }

            if (!_delivered.Writer.TryWrite(message))
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
        message.FailedAttempts++;
        message.RetryDelay = Backoff.DelayWithJitter(message.FailedAttempts, _options.ProduceRetryDelayMax);
        if (status.ProduceFailed())
        {
            Log.ProduceFailed(logger, message.KafkaTopic, error.Reason, message.RetryDelay);
        }
        else
        {
            Log.ProduceRetrying(logger, message.KafkaTopic, error.Reason, message.RetryDelay);
        }

        message.Activity?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { ["error.type"] = error.Code.ToString() }));
        message.FailedAt = Stopwatch.GetTimestamp();
        if (!_failed.Writer.TryWrite(message))
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
            await using var held = connection.HoldWrites();
            for (int count = 0; count < MaxAcknowledgementsPerWrite && reader.TryRead(out var message); count++)
            {
                try
                {
                    await connection.AcknowledgeAsync(message, stop);
                }
                finally
                {
                    Release(message);
                }
            }
        }
    }

    /// <summary>Produces failed messages again once their backoff has passed, unless the broker redelivers them anyway.</summary>
    private async Task RetryAllAsync(CancellationToken stop)
    {
        await foreach (var message in _failed.Reader.ReadAllAsync(stop))
        {
            var wait = message.RetryDelay - Stopwatch.GetElapsedTime(message.FailedAt);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, stop);
            }

            if (connection.WillRedeliver(message))
            {
                // Its copy from the new connection takes over; holding both would double the memory per reconnect.
                Log.LeftForRedelivery(logger, message.Topic);
                Release(message);
                continue;
            }

            Produce(message);
        }
    }

    private void Release(IngestMessage message)
    {
        message.Activity?.Dispose();
        status.Released();
        if (Interlocked.Decrement(ref _inHand) == 0 && _intakeCompleted)
        {
            _settled.TrySetResult();
        }
    }
}

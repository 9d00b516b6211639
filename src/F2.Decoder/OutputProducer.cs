using System.Collections.Concurrent;
using Confluent.Kafka;
using F2.Integrations;
using F2.Integrations.Kafka;
using F2.Protocol;
using Microsoft.Extensions.Options;

namespace F2.Decoder;

/// <summary>
/// Writes each consumed record's output and marks the record done in the <see cref="OffsetTracker"/> only when Kafka
/// acknowledged it. A failed delivery (timeout, outage) is produced again after a backoff, driven by the consume
/// thread through <see cref="RetryDue"/>; a fatal producer error is raised there too. A decoded record Kafka refuses
/// for good (<see cref="KafkaErrors.IsPermanent"/>: too large, not authorised) is dead-lettered instead, as
/// <see cref="DeadLetterReasons.OutputRefused"/> with its original bytes; a dead letter refused for good stops the
/// Decoder (an exception naming the record), since nothing else could keep that record.
/// </summary>
internal sealed class OutputProducer(
    IProducer<string?, byte[]> producer,
    OffsetTracker tracker,
    DecoderStatus status,
    DecoderMetrics metrics,
    IOptions<DecoderOptions> options,
    ILogger<OutputProducer> logger)
{
    private readonly ConcurrentQueue<Attempt> _failed = new();
    private readonly ConcurrentQueue<(Attempt Attempt, Error Error)> _refused = new();
    private readonly PriorityQueue<Attempt, DateTime> _waiting = new();
    private volatile Error? _fatal;

    /// <summary>Produces the output of a consumed record (consume thread).</summary>
    public void Send(OutgoingRecord record, PartitionProgress progress, long offset) => Produce(new Attempt(record, progress, offset, 1));

    /// <summary>Re-produces the failed records whose backoff has passed; throws on a fatal producer error (consume thread).</summary>
    public void RetryDue()
    {
        if (_fatal is { } fatal)
        {
            throw new KafkaException(fatal);
        }

        while (_refused.TryDequeue(out var refused))
        {
            DeadLetterRefused(refused.Attempt, refused.Error);
        }

        var now = DateTime.UtcNow;
        while (_failed.TryDequeue(out var failed))
        {
            _waiting.Enqueue(failed, failed.Due);
        }

        while (_waiting.TryPeek(out var attempt, out var due) && due <= now)
        {
            _waiting.Dequeue();
            if (!attempt.Progress.IsDetached)
            {
                Produce(attempt);
            }
            else
            {
                // Its partition was revoked: the next owner produces it again.
                status.RecordResolved();
            }
        }
    }

    /// <summary>Waits for the outstanding deliveries (their reports still update the tracker).</summary>
    public void Flush(TimeSpan timeout) => producer.Flush(timeout);

    private void Produce(Attempt attempt)
    {
        try
        {
            producer.Produce(attempt.Record.Topic, attempt.Record.Message, report => OnDelivered(attempt, report.Error));
        }
        catch (ProduceException<string?, byte[]> exception) when (!exception.Error.IsFatal)
        {
            // Refused before it was sent (e.g. the local queue is full): retry like a failed delivery.
            OnDelivered(attempt, exception.Error);
        }
    }

    /// <summary>Runs on the producer's delivery thread.</summary>
    private void OnDelivered(Attempt attempt, Error error)
    {
        if (!error.IsError)
        {
            // The status first: once the tracker lets this offset be committed, the health check already knows.
            if (attempt.Number > 1 && status.RecordResolved())
            {
                Log.ProduceRecovered(logger);
            }

            tracker.Complete(attempt.Progress, attempt.Offset);
            return;
        }

        if (error.IsFatal)
        {
            _fatal = error;
            return;
        }

        if (KafkaErrors.IsPermanent(error))
        {
            _refused.Enqueue((attempt, error));
            return;
        }

        metrics.ProduceRetried();
        var delay = Backoff.DelayWithJitter(attempt.Number, options.Value.ProduceRetryDelayMax);
        if (attempt.Number == 1 && status.RecordStuck())
        {
            Log.ProduceFailed(logger, attempt.Record.Source, error.Reason, delay);
        }
        else
        {
            Log.ProduceRetrying(logger, attempt.Record.Source, error.Reason, delay);
        }

        _failed.Enqueue(attempt with { Number = attempt.Number + 1, Due = DateTime.UtcNow + delay });
    }

    /// <summary>A record Kafka refused for good (consume thread): a decoded one becomes a dead letter; a dead letter stops the Decoder.</summary>
    private void DeadLetterRefused(Attempt attempt, Error error)
    {
        if (attempt.Record.Topic == KafkaTopics.DeadLetter)
        {
            Log.DeadLetterRefused(logger, attempt.Record.Source, error.Reason);
            throw new InvalidOperationException($"Kafka refused the dead letter of {attempt.Record.Source} for good ({error.Code}: {error.Reason})");
        }

        Log.OutputRefused(logger, attempt.Record.Source, error.Reason);
        if (!attempt.Progress.IsDetached)
        {
            Produce(new Attempt(RawRecordDecoder.Refused(attempt.Record, $"{error.Code}: {error.Reason}"), attempt.Progress, attempt.Offset, 1));
        }
    }

    private sealed record Attempt(OutgoingRecord Record, PartitionProgress Progress, long Offset, int Number)
    {
        public DateTime Due { get; init; }
    }
}

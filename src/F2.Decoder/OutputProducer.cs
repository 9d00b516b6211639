using System.Collections.Concurrent;
using Confluent.Kafka;
using F2.Integrations;
using Microsoft.Extensions.Options;

namespace F2.Decoder;

/// <summary>
/// Writes each consumed record's output and marks the record done in the <see cref="OffsetTracker"/> only when Kafka
/// acknowledged it. A failed delivery (timeout, outage) is produced again after a backoff, driven by the consume
/// thread through <see cref="RetryDue"/>; a fatal producer error is raised there too.
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

    private sealed record Attempt(OutgoingRecord Record, PartitionProgress Progress, long Offset, int Number)
    {
        public DateTime Due { get; init; }
    }
}

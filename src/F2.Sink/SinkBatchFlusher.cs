using System.Diagnostics;
using Confluent.Kafka;
using F2.Protocol;
using F2.Sink.Storage;

namespace F2.Sink;

/// <summary>
/// Settles one batch, in this order: its rows committed to PostgreSQL (<see cref="MeasurementWriter"/>), its invalid
/// records acknowledged by the dead-letter topic, then, per partition, the offset after its last record committed to
/// Kafka (kept in <see cref="PendingCommits"/> if Kafka refuses). A failure before that throws, so nothing is
/// committed; the retry skips what already succeeded.
/// </summary>
internal sealed class SinkBatchFlusher(MeasurementWriter writer, PendingCommits commits, SinkMetrics metrics, ILogger logger)
{
    public void Flush(SinkBatch batch, IConsumer<byte[]?, byte[]?> consumer, IProducer<byte[]?, byte[]?> deadLetters)
    {
        IReadOnlyList<SinkRecord> records = batch.Records;
        using Activity? activity = SinkTracing.StartBatchWrite(records, batch.RowCount);
        try
        {
            List<SinkRecord> unwritten = batch.Unwritten();
            if (unwritten.Count > 0)
            {
                WriteRows(unwritten, activity);
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

        commits.Commit(consumer, batch.CommitOffsets());
        activity?.Stop();
        SinkTracing.RecordsSettled(records, activity, SinkConsumeLoop.ConsumerGroup);
        batch.Clear();
    }

    private void WriteRows(List<SinkRecord> unwritten, Activity? activity)
    {
        List<DecodedMessage> messages = [.. unwritten.Select(record => record.Message!)];
        long started = Stopwatch.GetTimestamp();
        WriteResult written = writer.Write(messages);
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        unwritten.ForEach(record => record.RowsStored = true);

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
        Log.BatchWritten(logger, written.RowsInserted, written.RowsOffered, unwritten.Count, seconds);
    }
}

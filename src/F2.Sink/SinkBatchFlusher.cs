using System.Diagnostics;
using Confluent.Kafka;
using F2.Protocol;
using F2.Storage;
using Npgsql;

namespace F2.Sink;

/// <summary>
/// Settles one batch, in this order: its rows committed to PostgreSQL (<see cref="MeasurementWriter"/>), its invalid
/// records acknowledged by the dead-letter topic, then, per partition, the offset after its last record committed to
/// Kafka (kept in <see cref="PendingCommits"/> if Kafka refuses). A failure before that throws, so nothing is
/// committed; the retry skips what already succeeded (each record knows whether its rows are stored and whether it
/// is dead-lettered).
/// <para>
/// When PostgreSQL refuses the rows themselves (<see cref="DatabaseErrors.IsRefusal"/>: a CHECK or trigger an operator
/// added, a character the database encoding cannot store, a value out of a column's range), the records are split in
/// halves and written again until each refused record is alone; every other row is stored and each refused record is
/// dead-lettered as <c>record_invalid</c> with the database's message.
/// </para>
/// </summary>
internal sealed class SinkBatchFlusher(MeasurementWriter writer, PendingCommits commits, SinkMetrics metrics, ILogger logger)
{
    public void Flush(SinkBatch batch, IConsumer<byte[]?, byte[]?> consumer, SinkDeadLetters deadLetters)
    {
        IReadOnlyList<SinkRecord> records = batch.Records;
        using Activity? activity = SinkTracing.StartBatchWrite(records, batch.RowCount);
        try
        {
            List<SinkRecord> unwritten = batch.Unwritten();
            if (unwritten.Count > 0)
            {
                Store(unwritten, activity);
            }

            foreach (SinkRecord record in records.Where(record => record.InvalidDetail is not null && !record.DeadLettered))
            {
                deadLetters.Send(record);
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

    /// <summary>Writes the records' rows; when PostgreSQL refuses them, halves until each refused record is alone.</summary>
    private void Store(List<SinkRecord> records, Activity? activity)
    {
        try
        {
            WriteRows(records, activity);
        }
        catch (PostgresException exception) when (DatabaseErrors.IsRefusal(exception))
        {
            if (records.Count == 1)
            {
                records[0].InvalidDetail = $"PostgreSQL refused the rows: {exception.SqlState}: {exception.MessageText}";
                return;
            }

            int half = records.Count / 2;
            Store(records[..half], activity);
            Store(records[half..], activity);
        }
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

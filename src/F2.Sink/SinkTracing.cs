using System.Diagnostics;
using F2.Integrations.Telemetry;
using F2.Protocol;

namespace F2.Sink;

/// <summary>
/// Tracing (activity source <c>F2.Sink</c>). Each batch write is one <c>write iot_measurements</c> span that links to the
/// trace of every record in it (the OpenTelemetry messaging conventions' batch pattern; Npgsql's own spans nest under it).
/// Each record also gets a short <c>process decoded_iot_data</c> span in its own trace, from when it was consumed to when
/// its batch committed, linked back to the batch span: so one device message is one trace that ends at the sink's commit,
/// while the shared write appears once. The per-record spans are created after the commit with their real start time,
/// so nothing is held open while a batch fills.
/// </summary>
internal static class SinkTracing
{
    public const string SourceName = "F2.Sink";

    /// <summary>The OpenTelemetry SDK keeps at most 128 links per span by default.</summary>
    private const int MaxLinks = 128;

    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartBatchWrite(IReadOnlyList<SinkRecord> records, int rows)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        ActivityLink[] links = [.. records.Where(record => record.TraceContext != default).Take(MaxLinks).Select(record => new ActivityLink(record.TraceContext))];
        Activity? activity = Source.StartActivity(ActivityKind.Client, parentContext: default, links: links, name: "write iot_measurements");
        activity?.SetTag("db.system.name", "postgresql");
        activity?.SetTag("db.collection.name", "iot_measurements");
        activity?.SetTag("db.operation.name", "COPY");
        activity?.SetTag("messaging.batch.message_count", records.Count);
        activity?.SetTag("f2.sink.rows", rows);
        return activity;
    }

    /// <summary>Ends each record's trace at the commit: a span from its consumption until now, linked to the batch write.</summary>
    public static void RecordsSettled(IReadOnlyList<SinkRecord> records, Activity? batch, string consumerGroup)
    {
        if (!Source.HasListeners())
        {
            return;
        }

        ActivityLink[] batchLink = batch is null ? [] : [new ActivityLink(batch.Context)];
        foreach (SinkRecord record in records)
        {
            using Activity? activity = Source.StartActivity(
                ActivityKind.Consumer, record.TraceContext, links: batchLink, startTime: record.ConsumedAt, name: $"process {record.Position.Topic}");
            if (activity is null)
            {
                continue;
            }

            activity.SetTag(MessagingAttributes.System, MessagingActivities.Kafka);
            activity.SetTag(MessagingAttributes.OperationType, "process");
            activity.SetTag(MessagingAttributes.OperationName, "process");
            activity.SetTag(MessagingAttributes.DestinationName, record.Position.Topic);
            activity.SetTag(MessagingAttributes.DestinationPartitionId, record.Position.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            activity.SetTag(MessagingAttributes.KafkaOffset, record.Position.Offset.Value);
            activity.SetTag(MessagingAttributes.ConsumerGroupName, consumerGroup);
            if (record.InvalidDetail is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, DeadLetterReasons.RecordInvalid);
            }
        }
    }
}

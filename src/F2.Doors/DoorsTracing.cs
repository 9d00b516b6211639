using System.Diagnostics;
using Confluent.Kafka;
using F2.Integrations.Telemetry;
using F2.Protocol;

namespace F2.Doors;

/// <summary>
/// Tracing (activity source <c>F2.Doors</c>), as the Sink does it: each transaction is one <c>write door_events</c> span
/// linked to the trace of every record in it (the OpenTelemetry messaging conventions' batch pattern), and each record
/// gets a <c>process decoded_iot_data</c> span in its own trace, continued from the record's <c>traceparent</c>, from
/// when it was consumed to when its transaction committed, linked to the write. The record spans are made after the
/// commit with their real start time, so nothing is held open while a batch fills; without a listener nothing is kept.
/// </summary>
internal static class DoorsTracing
{
    public const string SourceName = "F2.Doors";

    /// <summary>The OpenTelemetry SDK keeps at most 128 links per span by default.</summary>
    private const int MaxLinks = 128;

    public static readonly ActivitySource Source = new(SourceName);

    public static bool IsOn => Source.HasListeners();

    public static Activity? StartBatchWrite(IReadOnlyList<TracedRecord> records, int messages, int events)
    {
        if (!IsOn)
        {
            return null;
        }

        ActivityLink[] links = [.. records.Where(r => r.Context != default).Take(MaxLinks).Select(r => new ActivityLink(r.Context))];
        Activity? activity = Source.StartActivity(ActivityKind.Client, parentContext: default, links: links, name: "write door_events");
        activity?.SetTag("db.system.name", "postgresql");
        activity?.SetTag("db.collection.name", "door_events");
        activity?.SetTag("db.operation.name", "INSERT");
        activity?.SetTag("messaging.batch.message_count", messages);
        activity?.SetTag("f2.doors.events", events);
        return activity;
    }

    /// <summary>Ends each record's trace at the commit: a span from its consumption until now, linked to the batch write.</summary>
    public static void RecordsSettled(IReadOnlyList<TracedRecord> records, Activity? batch, string consumerGroup)
    {
        ActivityLink[] batchLink = batch is null ? [] : [new ActivityLink(batch.Context)];
        foreach (TracedRecord record in records)
        {
            MessagingActivities.StartKafkaSettled(
                Source, record.Context, batchLink, record.ConsumedAt, new TopicPartitionOffset(KafkaTopics.Decoded, record.Partition, record.Offset), consumerGroup)
                ?.Dispose();
        }
    }
}

/// <summary>A consumed record's trace context (from its headers; default when it had none) and position.</summary>
internal readonly record struct TracedRecord(ActivityContext Context, DateTimeOffset ConsumedAt, int Partition, long Offset);

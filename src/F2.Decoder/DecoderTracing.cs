using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using F2.Protocol;

namespace F2.Decoder;

/// <summary>
/// The <c>F2.Decoder</c> activity source: one "process raw_iot_data" span per record, a child of the trace context in
/// its headers; the output record carries the span's context (or the incoming one when no span was started).
/// </summary>
internal static class DecoderTracing
{
    public const string SourceName = "F2.Decoder";

    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartProcess(ConsumeResult<string?, byte[]> consumed, string consumerGroup)
    {
        var headers = consumed.Message.Headers;
        ActivityContext.TryParse(Text(headers, RecordHeaders.TraceParent), Text(headers, RecordHeaders.TraceState), isRemote: true, out var parent);
        var activity = Source.StartActivity($"process {consumed.Topic}", ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "kafka");
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("messaging.destination.name", consumed.Topic);
            activity.SetTag("messaging.consumer.group.name", consumerGroup);
            activity.SetTag("messaging.destination.partition.id", consumed.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            activity.SetTag("messaging.kafka.offset", consumed.Offset.Value);
        }

        return activity;
    }

    public static void Inject(Headers outgoing, Activity? activity, Headers incoming)
    {
        string? traceParent = activity?.Id ?? Text(incoming, RecordHeaders.TraceParent);
        string? traceState = activity is null ? Text(incoming, RecordHeaders.TraceState) : activity.TraceStateString;
        if (traceParent is not null)
        {
            outgoing.Add(RecordHeaders.TraceParent, Encoding.UTF8.GetBytes(traceParent));
        }

        if (!string.IsNullOrEmpty(traceState))
        {
            outgoing.Add(RecordHeaders.TraceState, Encoding.UTF8.GetBytes(traceState));
        }
    }

    private static string? Text(Headers? headers, string name)
        => headers is not null && headers.TryGetLastBytes(name, out byte[] value) ? Encoding.UTF8.GetString(value) : null;
}

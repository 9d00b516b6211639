using System.Diagnostics;
using Confluent.Kafka;
using F2.Integrations.Telemetry;

namespace F2.Decoder;

/// <summary>
/// The <c>F2.Decoder</c> activity source: one "process raw_iot_data" span per record, a child of the trace context in
/// its headers; the output record carries the span's context (or the incoming one when no span is recorded).
/// </summary>
internal static class DecoderTracing
{
    public const string SourceName = "F2.Decoder";

    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartProcess(ConsumeResult<string?, byte[]> consumed, string consumerGroup)
        => MessagingActivities.StartKafkaProcess(Source, consumed, consumerGroup);

    public static void Inject(Headers outgoing, Activity? activity, Headers? incoming)
    {
        if (activity is not null)
        {
            TraceContext.Inject(activity.Context, outgoing);
        }
        else if (TraceContext.TryExtract(incoming, out var context))
        {
            TraceContext.Inject(context, outgoing);
        }
    }
}

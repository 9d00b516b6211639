using System.Diagnostics;
using F2.Integrations.Telemetry;
using MQTTnet;

namespace F2.Ingest;

/// <summary>
/// The <c>F2.Ingest</c> activity source: one "process" span per MQTT message, a child of the device's trace context
/// when its MQTT 5 user properties carry one (<c>traceparent</c>, <c>tracestate</c>), else a new root. The span's
/// context (or the device's, when no span is recorded) travels on in the Kafka headers.
/// </summary>
internal static class IngestTracing
{
    public const string SourceName = "F2.Ingest";

    private static readonly ActivitySource Source = new(SourceName);

    public static (Activity? Activity, ActivityContext Incoming) StartProcess(MqttApplicationMessage message, string subscription)
    {
        TraceContext.TryExtract(message.UserProperties, out var incoming);
        var previous = Activity.Current;
        var activity = MessagingActivities.StartMqttProcess(Source, message, subscription);
        Activity.Current = previous;
        return (activity, incoming);
    }
}

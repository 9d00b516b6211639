using System.Diagnostics;
using F2.Protocol;
using MQTTnet;
using MQTTnet.Packets;

namespace F2.Ingest;

/// <summary>
/// The <c>F2.Ingest</c> activity source: one "process" span per MQTT message, a child of the device's trace context
/// when its MQTT 5 user properties carry one (<c>traceparent</c>, <c>tracestate</c>), else a new root.
/// </summary>
internal static class IngestTracing
{
    public const string SourceName = "F2.Ingest";

    private static readonly ActivitySource Source = new(SourceName);

    public static (Activity? Activity, (string? TraceParent, string? TraceState) Incoming) StartProcess(
        MqttApplicationMessage message, string subscription)
    {
        string? traceParent = null;
        string? traceState = null;
        foreach (var property in message.UserProperties ?? [])
        {
            if (property.Name == RecordHeaders.TraceParent)
            {
                traceParent = property.ReadValueAsString();
            }
            else if (property.Name == RecordHeaders.TraceState)
            {
                traceState = property.ReadValueAsString();
            }
        }

        ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent);
        var previous = Activity.Current;
        var activity = Source.StartActivity($"process {subscription}", ActivityKind.Consumer, parent);
        Activity.Current = previous;
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "mqtt");
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("messaging.destination.name", message.Topic);
            activity.SetTag("messaging.destination.subscription.name", subscription);
            activity.SetTag("messaging.message.body.size", message.Payload.Length);
        }

        return (activity, (traceParent, traceState));
    }
}

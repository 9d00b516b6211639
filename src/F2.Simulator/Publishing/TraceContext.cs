using System.Diagnostics;
using System.Text;
using F2.Simulator.Generation;

namespace F2.Simulator.Publishing;

/// <summary>
/// The producer span of one publish (OpenTelemetry messaging conventions) and its W3C <c>traceparent</c>. Without a
/// listener no span is created; the message still gets a fresh, unsampled trace context (flags <c>00</c>) so the
/// pipeline can correlate its own spans, at the cost of two random ids and a string.
/// </summary>
internal static class TraceContext
{
    public static Activity? StartPublish(SimulatedMessage message, string clientId)
    {
        Activity? activity = SimulatorTelemetry.ActivitySource.StartActivity("publish", ActivityKind.Producer, parentContext: default);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "mqtt");
            activity.SetTag("messaging.operation.type", "send");
            activity.SetTag("messaging.operation.name", "publish");
            activity.SetTag("messaging.destination.name", message.Topic);
            activity.SetTag("messaging.client.id", clientId);
            activity.SetTag("messaging.message.body.size", message.Payload.Length);
        }

        return activity;
    }

    /// <summary>The <c>traceparent</c> value as UTF-8: the span's, or an unsampled one when there is no span.</summary>
    public static byte[] TraceParentOf(Activity? activity)
    {
        string traceParent = activity?.Id is { } id && activity.IdFormat == ActivityIdFormat.W3C
            ? id
            : $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-00";
        return Encoding.ASCII.GetBytes(traceParent);
    }
}

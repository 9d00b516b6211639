using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using F2.Integrations.Kafka;
using F2.Protocol;
using MQTTnet.Packets;

namespace F2.Integrations.Telemetry;

/// <summary>
/// W3C trace context (<c>traceparent</c>, <c>tracestate</c>) in Kafka headers and MQTT 5 user properties, so one
/// device message is one trace from the device (or simulator) to the database.
/// </summary>
public static class TraceContext
{
    /// <summary>The <c>traceparent</c> value of <paramref name="context"/>: <c>00-&lt;trace id&gt;-&lt;span id&gt;-&lt;flags&gt;</c>.</summary>
    public static string FormatTraceParent(ActivityContext context) => string.Create(CultureInfo.InvariantCulture,
        $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{(int)(context.TraceFlags & ActivityTraceFlags.Recorded):x2}");

    /// <summary>Writes <paramref name="context"/> into the headers, replacing any earlier trace context; a default context writes nothing.</summary>
    public static void Inject(ActivityContext context, Headers headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.Remove(RecordHeaders.TraceParent);
        headers.Remove(RecordHeaders.TraceState);
        if (context == default)
        {
            return;
        }

        headers.SetString(RecordHeaders.TraceParent, FormatTraceParent(context));
        if (!string.IsNullOrEmpty(context.TraceState))
        {
            headers.SetString(RecordHeaders.TraceState, context.TraceState);
        }
    }

    /// <summary>Reads the trace context of a Kafka record; false when it has none or it is malformed.</summary>
    public static bool TryExtract(Headers? headers, out ActivityContext context)
    {
        if (headers.TryGetString(RecordHeaders.TraceParent, out string traceParent))
        {
            headers.TryGetString(RecordHeaders.TraceState, out string traceState);
            return ActivityContext.TryParse(traceParent, traceState.Length == 0 ? null : traceState, isRemote: true, out context);
        }

        context = default;
        return false;
    }

    /// <summary>Writes <paramref name="context"/> into MQTT 5 user properties, replacing any earlier trace context.</summary>
    public static void Inject(ActivityContext context, List<MqttUserProperty> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        properties.RemoveAll(static p => p.Name is RecordHeaders.TraceParent or RecordHeaders.TraceState);
        if (context == default)
        {
            return;
        }

        properties.Add(Utf8Property(RecordHeaders.TraceParent, FormatTraceParent(context)));
        if (!string.IsNullOrEmpty(context.TraceState))
        {
            properties.Add(Utf8Property(RecordHeaders.TraceState, context.TraceState));
        }
    }

    /// <summary>Reads the trace context of an MQTT 5 message's user properties (the last of each name wins).</summary>
    public static bool TryExtract(IReadOnlyList<MqttUserProperty>? properties, out ActivityContext context)
    {
        string? traceParent = null;
        string? traceState = null;
        if (properties is not null)
        {
            for (int i = 0; i < properties.Count; i++)
            {
                MqttUserProperty property = properties[i];
                if (property.Name == RecordHeaders.TraceParent)
                {
                    traceParent = property.ReadValueAsString();
                }
                else if (property.Name == RecordHeaders.TraceState)
                {
                    traceState = property.ReadValueAsString();
                }
            }
        }

        if (traceParent is null)
        {
            context = default;
            return false;
        }

        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out context);
    }

    private static MqttUserProperty Utf8Property(string name, string value) =>
        new(name, new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(value)));
}

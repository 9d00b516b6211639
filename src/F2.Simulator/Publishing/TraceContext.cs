using System.Diagnostics;
using System.Text;
using F2.Simulator.Generation;

namespace F2.Simulator.Publishing;

/// <summary>
/// The producer span of one publish (OpenTelemetry messaging conventions) and its W3C <c>traceparent</c>. Without a
/// listener no span is created; the message still gets a fresh, unsampled trace context (flags <c>00</c>) so the
/// pipeline can correlate its own spans. The <c>traceparent</c> is written as UTF-8 into a caller's buffer: no
/// string per message.
/// </summary>
internal static class TraceContext
{
    /// <summary>The length of a version-00 <c>traceparent</c>: <c>00-{32 hex}-{16 hex}-{2 hex}</c>.</summary>
    public const int TraceParentLength = 55;

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>
    /// Starts the span of one publish. It is not left as <see cref="Activity.Current"/>: it ends when the broker's
    /// acknowledgement arrives, on the connection's receive loop, while the sender goes on with other messages.
    /// </summary>
    public static Activity? StartPublish(SimulatedMessage message, string clientId)
    {
        Activity? previous = Activity.Current;
        Activity? activity = SimulatorTelemetry.ActivitySource.StartActivity("publish", ActivityKind.Producer, parentContext: default);
        if (activity is null)
        {
            return null;
        }

        Activity.Current = previous;
        if (activity.IsAllDataRequested)
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

    /// <summary>
    /// Writes the <c>traceparent</c> (<see cref="TraceParentLength"/> UTF-8 bytes): the span's, or a fresh unsampled
    /// one when there is no span.
    /// </summary>
    public static void WriteTraceParent(Activity? activity, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, TraceParentLength);
        "00-"u8.CopyTo(destination);
        destination[35] = (byte)'-';
        destination[52] = (byte)'-';
        if (activity is { IdFormat: ActivityIdFormat.W3C })
        {
            Encoding.ASCII.GetBytes(activity.TraceId.ToHexString(), destination[3..35]);
            Encoding.ASCII.GetBytes(activity.SpanId.ToHexString(), destination[36..52]);
            WriteHex([(byte)activity.ActivityTraceFlags], destination[53..55]);
            return;
        }

        Span<byte> ids = stackalloc byte[24];
        do
        {
            Random.Shared.NextBytes(ids);
        }
        while (!ids[..16].ContainsAnyExcept((byte)0) || !ids[16..].ContainsAnyExcept((byte)0));

        WriteHex(ids[..16], destination[3..35]);
        WriteHex(ids[16..], destination[36..52]);
        "00"u8.CopyTo(destination[53..]);
    }

    private static void WriteHex(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = HexDigits[bytes[i] >> 4];
            destination[(2 * i) + 1] = HexDigits[bytes[i] & 0xF];
        }
    }
}

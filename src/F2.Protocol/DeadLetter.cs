using System.Text;

namespace F2.Protocol;

/// <summary>
/// A record of <c>dead_letter_iot_data</c>, the record that carries "nothing is lost silently"; every stage builds
/// its dead letters here and nowhere else.
/// <list type="bullet">
/// <item>Key: the device id (<see cref="DeviceId"/>) when the topic names one, else none.</item>
/// <item>Value: the original MQTT payload bytes exactly as received (<see cref="Payload"/>), so every dead letter can be
/// replayed. The Sink reads them back from <c>raw_iot_data</c> at the coordinates the decoded record names; if that
/// record is gone, the value is the decoded record and <see cref="Detail"/> says so. Ingest keeps the head of a payload
/// over what Kafka takes, and <see cref="Detail"/> says so.</item>
/// <item>Headers (<see cref="Headers"/>, in this order): <see cref="RecordHeaders.Reason"/>, <see cref="RecordHeaders.Stage"/>,
/// <see cref="RecordHeaders.MqttTopic"/> (unless the raw record had none), <see cref="RecordHeaders.ReceivedAt"/>,
/// <see cref="RecordHeaders.Source"/> (Decoder and Sink: the consumed record), <see cref="RecordHeaders.Detail"/>
/// (optional); then the stage adds the W3C trace context (<see cref="RecordHeaders.TraceParent"/>,
/// <see cref="RecordHeaders.TraceState"/>).</item>
/// </list>
/// </summary>
public sealed record DeadLetter
{
    /// <summary>The stage that wrote it: one of <see cref="StageNames"/>.</summary>
    public required string Stage { get; init; }

    /// <summary>Why: a protocol reason's wire name (<see cref="RejectReasonNames"/>) or one of <see cref="DeadLetterReasons"/>.</summary>
    public required string Reason { get; init; }

    /// <summary>The original MQTT payload bytes.</summary>
    public required byte[] Payload { get; init; }

    /// <summary>The record's key: the device id the topic names, or null.</summary>
    public string? DeviceId { get; init; }

    /// <summary>The full MQTT topic the message was published on; null only when the raw record did not say.</summary>
    public string? MqttTopic { get; init; }

    /// <summary>When the pipeline first saw the message (UTC).</summary>
    public DateTime? ReceivedAt { get; init; }

    /// <summary>The consumed record it stands for: <c>&lt;topic&gt;/&lt;partition&gt;@&lt;offset&gt;</c>.</summary>
    public string? Source { get; init; }

    /// <summary>A short human-readable explanation (never payload contents).</summary>
    public string? Detail { get; init; }

    /// <summary>The headers this record is written with, UTF-8, in the order above (without the trace context).</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> Headers()
    {
        var headers = new List<KeyValuePair<string, byte[]>>(6) { Text(RecordHeaders.Reason, Reason), Text(RecordHeaders.Stage, Stage) };
        if (MqttTopic is not null)
        {
            headers.Add(Text(RecordHeaders.MqttTopic, MqttTopic));
        }

        if (ReceivedAt is { } receivedAt)
        {
            headers.Add(new(RecordHeaders.ReceivedAt, UnixMicros.Format(receivedAt)));
        }

        if (Source is not null)
        {
            headers.Add(Text(RecordHeaders.Source, Source));
        }

        if (Detail is not null)
        {
            headers.Add(Text(RecordHeaders.Detail, Detail));
        }

        return headers;
    }

    private static KeyValuePair<string, byte[]> Text(string name, string value) => new(name, Encoding.UTF8.GetBytes(value));
}

namespace F2.Protocol;

/// <summary>
/// Kafka header names of the record contracts. Values are UTF-8 text.
/// <list type="bullet">
/// <item><c>raw_iot_data</c>: key = device id (<c>f2-&lt;mac&gt;</c>, lower case); value = the MQTT payload bytes
/// exactly as received; headers <see cref="MqttTopic"/>, <see cref="ReceivedAt"/>, and the W3C trace context.</item>
/// <item><c>decoded_iot_data</c>: key = device id; value = a <see cref="DecodedMessage"/> as JSON
/// (<c>DecodedMessageJson</c>); headers: the W3C trace context.</item>
/// <item><c>dead_letter_iot_data</c>: key = device id when the topic names one, else none; value = the original
/// payload bytes (the sink reads them back from <c>raw_iot_data</c> at the coordinates the decoded record names; if
/// that record is gone, the value is the decoded record and <see cref="Detail"/> says so); headers <see cref="Reason"/>,
/// <see cref="Stage"/>, <see cref="MqttTopic"/>, <see cref="ReceivedAt"/>, <see cref="Source"/> (decoder and sink),
/// <see cref="Detail"/> (optional), and the W3C trace context.</item>
/// </list>
/// </summary>
public static class RecordHeaders
{
    /// <summary>The full MQTT topic the message was published on.</summary>
    public const string MqttTopic = "f2-mqtt-topic";

    /// <summary>When the pipeline first saw the message: Unix time in microseconds, decimal digits.</summary>
    public const string ReceivedAt = "f2-received-at";

    /// <summary>The rejection reason's wire name, e.g. <c>value_invalid</c>.</summary>
    public const string Reason = "f2-reason";

    /// <summary>The stage that rejected the message: <c>ingest</c>, <c>decoder</c> or <c>sink</c>.</summary>
    public const string Stage = "f2-stage";

    /// <summary>Where a rejected record came from: <c>&lt;topic&gt;/&lt;partition&gt;@&lt;offset&gt;</c>.</summary>
    public const string Source = "f2-source";

    /// <summary>A short human-readable explanation (never payload contents).</summary>
    public const string Detail = "f2-detail";

    /// <summary>W3C trace context header names.</summary>
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
}

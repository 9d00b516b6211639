namespace F2.Protocol;

/// <summary>
/// Kafka header names of the record contracts. Values are UTF-8 text.
/// <list type="bullet">
/// <item><c>raw_iot_data</c>: key = device id (<c>f2-&lt;mac&gt;</c>, lower case); value = the MQTT payload bytes
/// exactly as received; headers <see cref="RawRecord"/>.</item>
/// <item><c>decoded_iot_data</c>: key = device id; value = a <see cref="DecodedMessage"/> as JSON
/// (<c>DecodedMessageJson</c>); headers <see cref="DecodedRecord"/>.</item>
/// <item><c>dead_letter_iot_data</c>: the record <see cref="F2.Protocol.DeadLetter"/> builds and documents; headers
/// <see cref="DeadLetterRecord"/>.</item>
/// </list>
/// </summary>
public static class RecordHeaders
{
    /// <summary>The full MQTT topic the message was published on.</summary>
    public const string MqttTopic = "f2-mqtt-topic";

    /// <summary>When the pipeline first saw the message: Unix time in microseconds, decimal digits.</summary>
    public const string ReceivedAt = "f2-received-at";

    /// <summary>The rejection reason: a protocol reason's wire name (e.g. <c>value_invalid</c>) or one of <see cref="DeadLetterReasons"/>.</summary>
    public const string Reason = "f2-reason";

    /// <summary>The stage that rejected the message: one of <see cref="StageNames"/>.</summary>
    public const string Stage = "f2-stage";

    /// <summary>Where a rejected record came from: <c>&lt;topic&gt;/&lt;partition&gt;@&lt;offset&gt;</c>.</summary>
    public const string Source = "f2-source";

    /// <summary>A short human-readable explanation (never payload contents).</summary>
    public const string Detail = "f2-detail";

    /// <summary>W3C trace context header names.</summary>
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    /// <summary>The headers of a <c>raw_iot_data</c> record (Ingest).</summary>
    public static IReadOnlyList<string> RawRecord { get; } = [MqttTopic, ReceivedAt, TraceParent, TraceState];

    /// <summary>The headers of a <c>decoded_iot_data</c> record (Decoder).</summary>
    public static IReadOnlyList<string> DecodedRecord { get; } = [TraceParent, TraceState];

    /// <summary>The headers of a <c>dead_letter_iot_data</c> record (every stage, through <see cref="F2.Protocol.DeadLetter"/>), in order.</summary>
    public static IReadOnlyList<string> DeadLetterRecord { get; } = [Reason, Stage, MqttTopic, ReceivedAt, Source, Detail, TraceParent, TraceState];
}

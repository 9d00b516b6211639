namespace F2.Protocol;

/// <summary>Decodes one device message into rows, exactly as the protocol spec says. Never throws for bad input.</summary>
public static class MessageDecoder
{
    /// <summary>The default payload size limit in bytes (spec section 2).</summary>
    public const int DefaultMaxPayloadBytes = 65_536;

    /// <summary>
    /// The checks Ingest can make without the parameters, in the spec's order: <c>payload_too_large</c>,
    /// then <c>topic_invalid</c>. Returns null when both pass (and <paramref name="address"/> is set).
    /// </summary>
    public static RejectReason? CheckEnvelope(string topic, int payloadLength, int maxPayloadBytes, out DeviceTopic address)
        => throw new NotImplementedException();

    /// <summary>
    /// Decodes <paramref name="payload"/> published on <paramref name="topic"/>. On success the rows are appended to
    /// <paramref name="rows"/> in pin order; on rejection nothing is appended.
    /// </summary>
    public static DecodeResult Decode(
        string topic,
        ReadOnlySpan<byte> payload,
        ParameterSet parameters,
        List<DecodedRow> rows,
        int maxPayloadBytes = DefaultMaxPayloadBytes)
        => throw new NotImplementedException();
}

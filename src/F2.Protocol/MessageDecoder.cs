using F2.Protocol.Decoding;
using F2.Protocol.Parameters;
using F2.Protocol.Topics;

namespace F2.Protocol;

/// <summary>
/// Decodes one device message into rows, exactly as the protocol spec says. Never throws for bad input: every
/// outcome is a <see cref="DecodeResult"/>. Stateless and thread-safe; a <see cref="ParameterSet"/> may be shared
/// by any number of threads.
/// </summary>
public static class MessageDecoder
{
    /// <summary>The default payload size limit in bytes (spec section 2).</summary>
    public const int DefaultMaxPayloadBytes = 65_536;

    /// <summary>
    /// The checks Ingest can make without the parameters, in the spec's order: <c>payload_too_large</c>,
    /// then <c>topic_invalid</c>. Returns null when both pass (and <paramref name="address"/> is set).
    /// </summary>
    public static RejectReason? CheckEnvelope(string topic, int payloadLength, int maxPayloadBytes, out DeviceTopic address)
    {
        address = default;
        if (payloadLength > maxPayloadBytes)
        {
            return RejectReason.PayloadTooLarge;
        }

        return DeviceTopic.TryParse(topic, out address) ? null : RejectReason.TopicInvalid;
    }

    /// <summary>
    /// Decodes <paramref name="payload"/> published on <paramref name="topic"/>. On success the rows are appended to
    /// <paramref name="rows"/> in pin order; on rejection nothing is appended. Allocates nothing beyond the rows'
    /// <c>value_text</c> strings (and growth of <paramref name="rows"/>).
    /// </summary>
    public static DecodeResult Decode(
        string topic,
        ReadOnlySpan<byte> payload,
        ParameterSet parameters,
        List<DecodedRow> rows,
        int maxPayloadBytes = DefaultMaxPayloadBytes)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(rows);
        if (payload.Length > maxPayloadBytes)
        {
            return DecodeResult.Rejected(RejectReason.PayloadTooLarge);
        }

        if (topic is null || !TopicParser.TryParse(topic, out TopicAddress address))
        {
            return DecodeResult.Rejected(RejectReason.TopicInvalid);
        }

        parameters.TryResolve(ParameterKey.For(address), out DeviceParameter? parameter, out string? deviceId);
        return PayloadDecoder.Decode(address, payload, parameter, deviceId, rows);
    }
}

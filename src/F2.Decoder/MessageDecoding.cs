using F2.Integrations.DeviceParameters;
using F2.Protocol;
using F2.Protocol.Privacy;
using Microsoft.Extensions.Options;

namespace F2.Decoder;

/// <summary>
/// The Decoder's decoding of one MQTT message: its topic and payload through <see cref="MessageDecoder"/> with the current
/// device parameters and the payload limit, then reader texts into their stored form (<see cref="ReaderPrivacy"/>).
/// The live stage (<see cref="RawRecordDecoder"/>) and the dead-letter replay both decode through it.
/// A message whose topic is unknown (null) is rejected as <c>topic_invalid</c>.
/// </summary>
internal sealed class MessageDecoding(IDeviceParameterSource parameters, ReaderPrivacy privacy, IOptions<DecoderOptions> options)
{
    private readonly int _maxPayloadBytes = options.Value.MaxPayloadBytes;

    /// <summary>Clears <paramref name="rows"/>, then fills it with the message's rows in their stored form (nothing on rejection).</summary>
    public DecodeResult Decode(string? topic, ReadOnlySpan<byte> payload, List<DecodedRow> rows)
    {
        rows.Clear();
        var result = topic is null
            ? DecodeResult.Rejected(RejectReason.TopicInvalid)
            : MessageDecoder.Decode(topic, payload, parameters.Current, rows, _maxPayloadBytes);
        privacy.Protect(rows);
        return result;
    }
}

using System.Text.Json;

namespace F2.Protocol.Decoding;

/// <summary>
/// <c>hex_to_float</c> and <c>ieee754_float32</c> values: the hex <c>data</c> read as an integer or a float32, then
/// scaled and offset. A result that is not a finite number is <c>value_invalid</c>.
/// </summary>
internal static class NumericValue
{
    private const int Float32Bytes = 4;

    public static bool TryRead(
        ReadOnlySpan<byte> payload, in JsonField data, DeviceParameter parameter, Span<byte> scratch, out double value)
    {
        value = 0;
        if (data.Type != JsonTokenType.String
            || !JsonText.TryGetShortText(payload, data, scratch, out ReadOnlySpan<byte> text)
            || !HexValue.TryParse(text, out ulong bits, out int byteCount))
        {
            return false;
        }

        double number;
        if (parameter.Encoding == EncodingType.Ieee754Float32)
        {
            float single = BitConverter.UInt32BitsToSingle((uint)bits);
            if (byteCount != Float32Bytes || !float.IsFinite(single))
            {
                return false;
            }

            number = single;
        }
        else
        {
            number = HexValue.ToNumber(bits, byteCount, parameter.IsSigned);
        }

        value = (number * parameter.ScalingFactor) + parameter.ValueOffset;
        return double.IsFinite(value);
    }
}

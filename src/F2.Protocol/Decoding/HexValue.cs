using F2.Protocol.Text;

namespace F2.Protocol.Decoding;

/// <summary>
/// Hex <c>data</c> (spec section 4): hex digits in either case, optionally prefixed <c>0x</c>/<c>0X</c>, optionally
/// with single spaces between bytes; an even number of digits, 1 to 8 bytes, read big-endian.
/// </summary>
internal static class HexValue
{
    public const int MaxBytes = 8;

    public static bool TryParse(ReadOnlySpan<byte> text, out ulong value, out int byteCount)
    {
        value = 0;
        byteCount = 0;
        if (text.Length >= 2 && text[0] == '0' && (text[1] | 0x20) == 'x')
        {
            text = text[2..];
        }

        int digits = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ')
            {
                // Only between bytes: after a whole byte, and before a digit.
                if (digits == 0 || digits % 2 != 0 || i + 1 == text.Length || text[i + 1] == ' ')
                {
                    return false;
                }

                continue;
            }

            int digit = AsciiDigits.HexValue(text[i]);
            if (digit < 0 || ++digits > MaxBytes * 2)
            {
                return false;
            }

            value = (value << 4) | (uint)digit;
        }

        if (digits == 0 || digits % 2 != 0)
        {
            value = 0;
            return false;
        }

        byteCount = digits / 2;
        return true;
    }

    /// <summary>The integer as unsigned, or as two's complement of its byte width.</summary>
    public static double ToNumber(ulong value, int byteCount, bool isSigned)
    {
        if (!isSigned)
        {
            return value;
        }

        int bits = byteCount * 8;
        long signedValue = bits == 64 ? (long)value : (long)(value << (64 - bits)) >> (64 - bits);
        return signedValue;
    }
}

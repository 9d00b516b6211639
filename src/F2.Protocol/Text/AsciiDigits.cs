using System.Numerics;

namespace F2.Protocol.Text;

/// <summary>Digit parsing shared by UTF-16 (topics) and UTF-8 (payloads) text.</summary>
internal static class AsciiDigits
{
    /// <summary>The value of a hex digit in either case, or -1.</summary>
    public static int HexValue<T>(T c)
        where T : unmanaged, IBinaryInteger<T>
    {
        uint u = uint.CreateTruncating(c);
        if (u - '0' <= 9)
        {
            return (int)(u - '0');
        }

        uint lower = u | 0x20;
        return lower - 'a' <= 5 ? (int)(lower - 'a' + 10) : -1;
    }

    /// <summary>The value of a decimal digit, or -1.</summary>
    public static int DecimalValue<T>(T c)
        where T : unmanaged, IBinaryInteger<T>
    {
        uint u = uint.CreateTruncating(c) - '0';
        return u <= 9 ? (int)u : -1;
    }

    /// <summary>Parses <c>1</c> to <c>99</c> without a leading zero (component numbers and pin keys).</summary>
    public static bool TryParseOneToNinetyNine<T>(ReadOnlySpan<T> text, out int number)
        where T : unmanaged, IBinaryInteger<T>
    {
        number = 0;
        if (text.Length is < 1 or > 2)
        {
            return false;
        }

        int first = DecimalValue(text[0]);
        if (first < 1)
        {
            return false;
        }

        if (text.Length == 1)
        {
            number = first;
            return true;
        }

        int second = DecimalValue(text[1]);
        if (second < 0)
        {
            return false;
        }

        number = (first * 10) + second;
        return true;
    }

    /// <summary>Parses exactly <paramref name="count"/> decimal digits at <paramref name="start"/>.</summary>
    public static bool TryParseFixed<T>(ReadOnlySpan<T> text, int start, int count, out int value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            int digit = DecimalValue(text[i]);
            if (digit < 0)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}

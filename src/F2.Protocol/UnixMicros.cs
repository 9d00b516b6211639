using System.Globalization;
using F2.Protocol.Text;

namespace F2.Protocol;

/// <summary>The <c>f2-received-at</c> header value: Unix time in microseconds as decimal UTF-8 digits.</summary>
public static class UnixMicros
{
    private const int MaxDigits = 19;

    /// <summary>Formats <paramref name="utc"/> (truncated to the microsecond); times before 1970 get a leading <c>-</c>.</summary>
    public static byte[] Format(DateTime utc)
    {
        long micros = (TimeText.ToUtcMicros(utc).Ticks - DateTime.UnixEpoch.Ticks) / 10;
        Span<byte> text = stackalloc byte[MaxDigits + 1];
        micros.TryFormat(text, out int written, provider: CultureInfo.InvariantCulture);
        return text[..written].ToArray();
    }

    /// <summary>Reads an optional <c>-</c> and 1 to 19 decimal digits naming a time <see cref="DateTime"/> can hold.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTime utc)
    {
        utc = default;
        ReadOnlySpan<byte> digits = !utf8.IsEmpty && utf8[0] == '-' ? utf8[1..] : utf8;
        if (digits.Length is < 1 or > MaxDigits || digits.ContainsAnyExceptInRange((byte)'0', (byte)'9')
            || !long.TryParse(utf8, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long micros))
        {
            return false;
        }

        long minMicros = -DateTime.UnixEpoch.Ticks / 10;
        long maxMicros = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / 10;
        if (micros < minMicros || micros > maxMicros)
        {
            return false;
        }

        utc = new DateTime(DateTime.UnixEpoch.Ticks + (micros * 10), DateTimeKind.Utc);
        return true;
    }
}

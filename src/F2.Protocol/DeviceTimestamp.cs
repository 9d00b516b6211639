using F2.Protocol.Text;

namespace F2.Protocol;

/// <summary>The device timestamp format of spec section 2.</summary>
public static class DeviceTimestamp
{
    private const int MaxFractionDigits = 9;
    private const int KeptFractionDigits = 6;

    /// <summary>
    /// Parses a timestamp's UTF-8 text (without JSON quotes) to UTC, truncated to the microsecond:
    /// <c>YYYY-MM-DD HH:MM:SS</c> or with <c>T</c>, an optional fraction of 1 to 9 digits, an optional <c>Z</c> or
    /// <c>+HH:MM</c>/<c>-HH:MM</c>. False unless it names a real instant that <see cref="DateTime"/> can hold.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTime utc)
    {
        utc = default;
        if (utf8.Length < 19
            || !AsciiDigits.TryParseFixed(utf8, 0, 4, out int year) || utf8[4] != '-'
            || !AsciiDigits.TryParseFixed(utf8, 5, 2, out int month) || utf8[7] != '-'
            || !AsciiDigits.TryParseFixed(utf8, 8, 2, out int day) || utf8[10] is not ((byte)' ' or (byte)'T')
            || !AsciiDigits.TryParseFixed(utf8, 11, 2, out int hour) || utf8[13] != ':'
            || !AsciiDigits.TryParseFixed(utf8, 14, 2, out int minute) || utf8[16] != ':'
            || !AsciiDigits.TryParseFixed(utf8, 17, 2, out int second))
        {
            return false;
        }

        ReadOnlySpan<byte> rest = utf8[19..];
        if (!TryParseFraction(ref rest, out long micros) || !TryParseOffset(rest, out long offsetTicks)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long ticks = new DateTime(year, month, day, hour, minute, second).Ticks + (micros * 10) - offsetTicks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    /// <summary>Formats as devices do: <c>2023-05-26 18:34:04.928538</c> (UTC, no offset).</summary>
    public static string Format(DateTime utc)
    {
        Span<char> text = stackalloc char[TimeText.DeviceLength];
        TimeText.Write(utc, text, iso: false);
        return new string(text);
    }

    private static bool TryParseFraction(ref ReadOnlySpan<byte> rest, out long micros)
    {
        micros = 0;
        if (rest.IsEmpty || rest[0] != '.')
        {
            return true;
        }

        int digits = 1;
        while (digits < rest.Length && AsciiDigits.DecimalValue(rest[digits]) >= 0)
        {
            digits++;
        }

        int count = digits - 1;
        if (count is < 1 or > MaxFractionDigits)
        {
            return false;
        }

        for (int i = 1; i <= KeptFractionDigits; i++)
        {
            micros = (micros * 10) + (i <= count ? AsciiDigits.DecimalValue(rest[i]) : 0);
        }

        rest = rest[digits..];
        return true;
    }

    private static bool TryParseOffset(ReadOnlySpan<byte> rest, out long offsetTicks)
    {
        offsetTicks = 0;
        if (rest.IsEmpty || (rest.Length == 1 && rest[0] == 'Z'))
        {
            return true;
        }

        if (rest.Length != 6 || rest[0] is not ((byte)'+' or (byte)'-') || rest[3] != ':'
            || !AsciiDigits.TryParseFixed(rest, 1, 2, out int hours) || hours > 23
            || !AsciiDigits.TryParseFixed(rest, 4, 2, out int minutes) || minutes > 59)
        {
            return false;
        }

        offsetTicks = ((hours * 60L) + minutes) * TimeSpan.TicksPerMinute * (rest[0] == '-' ? -1 : 1);
        return true;
    }
}

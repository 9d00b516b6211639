using System.Numerics;

namespace F2.Protocol.Text;

/// <summary>
/// Writes and reads times at microsecond precision: <c>2023-05-26 18:34:04.928538</c> (devices) and
/// <c>2023-05-26T18:34:04.928538Z</c> (decoded records).
/// </summary>
internal static class TimeText
{
    /// <summary>Length of <c>YYYY-MM-DD HH:MM:SS.ffffff</c>.</summary>
    public const int DeviceLength = 26;

    /// <summary>Length of <c>YYYY-MM-DDTHH:MM:SS.ffffffZ</c>.</summary>
    public const int IsoLength = 27;

    /// <summary>Treats an unspecified kind as UTC, converts local time, and truncates to the microsecond.</summary>
    public static DateTime ToUtcMicros(DateTime time)
    {
        DateTime utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
        return new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
    }

    /// <summary>Writes <see cref="DeviceLength"/> characters, or <see cref="IsoLength"/> when <paramref name="iso"/>.</summary>
    public static void Write<T>(DateTime time, Span<T> destination, bool iso)
        where T : unmanaged, IBinaryInteger<T>
    {
        DateTime utc = ToUtcMicros(time);
        WriteDigits(destination[..4], utc.Year);
        destination[4] = T.CreateTruncating('-');
        WriteDigits(destination.Slice(5, 2), utc.Month);
        destination[7] = T.CreateTruncating('-');
        WriteDigits(destination.Slice(8, 2), utc.Day);
        destination[10] = T.CreateTruncating(iso ? 'T' : ' ');
        WriteDigits(destination.Slice(11, 2), utc.Hour);
        destination[13] = T.CreateTruncating(':');
        WriteDigits(destination.Slice(14, 2), utc.Minute);
        destination[16] = T.CreateTruncating(':');
        WriteDigits(destination.Slice(17, 2), utc.Second);
        destination[19] = T.CreateTruncating('.');
        WriteDigits(destination.Slice(20, 6), (int)(utc.Ticks % TimeSpan.TicksPerSecond / 10));
        if (iso)
        {
            destination[26] = T.CreateTruncating('Z');
        }
    }

    /// <summary>Reads exactly <c>YYYY-MM-DDTHH:MM:SS.ffffffZ</c>.</summary>
    public static bool TryParseIso(ReadOnlySpan<byte> text, out DateTime utc)
    {
        utc = default;
        return text.Length == IsoLength
            && text[10] == 'T'
            && text[19] == '.'
            && text[26] == 'Z'
            && DeviceTimestamp.TryParse(text, out utc);
    }

    private static void WriteDigits<T>(Span<T> destination, int value)
        where T : unmanaged, IBinaryInteger<T>
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = T.CreateTruncating('0' + (value % 10));
            value /= 10;
        }
    }
}

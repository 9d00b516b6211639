using System.Collections.Concurrent;
using System.Numerics;

namespace F2.Protocol.Text;

/// <summary>
/// Device ids (<c>f2-</c> and 12 hex digits) as 48-bit numbers, and their canonical lower-case strings from a
/// bounded, thread-safe cache so that a known device costs no allocation.
/// </summary>
internal static class DeviceIds
{
    public const int Length = 15;
    private const int CacheLimit = 1 << 18;
    private static readonly ConcurrentDictionary<ulong, string> Cache = new();
    private static int s_cached;

    /// <summary>Parses <c>f2-</c> (lower case) and 12 hex digits in either case.</summary>
    public static bool TryParse<T>(ReadOnlySpan<T> text, out ulong mac)
        where T : unmanaged, IBinaryInteger<T>
    {
        mac = 0;
        if (text.Length != Length
            || uint.CreateTruncating(text[0]) != 'f'
            || uint.CreateTruncating(text[1]) != '2'
            || uint.CreateTruncating(text[2]) != '-')
        {
            return false;
        }

        ulong value = 0;
        for (int i = 3; i < Length; i++)
        {
            int digit = AsciiDigits.HexValue(text[i]);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)digit;
        }

        mac = value;
        return true;
    }

    /// <summary>The canonical device id of <paramref name="mac"/>, e.g. <c>f2-e4fd45f654be</c>, from the cache.</summary>
    public static string ToDeviceId(ulong mac)
    {
        if (Cache.TryGetValue(mac, out string? id))
        {
            return id;
        }

        id = Format(mac);
        if (Volatile.Read(ref s_cached) < CacheLimit && Cache.TryAdd(mac, id))
        {
            Interlocked.Increment(ref s_cached);
        }

        return id;
    }

    /// <summary>A new string with the canonical device id of <paramref name="mac"/>.</summary>
    public static string Format(ulong mac) => string.Create(Length, mac, static (chars, value) =>
    {
        "f2-".CopyTo(chars);
        for (int i = Length - 1; i >= 3; i--)
        {
            chars[i] = "0123456789abcdef"[(int)(value & 0xF)];
            value >>= 4;
        }
    });
}

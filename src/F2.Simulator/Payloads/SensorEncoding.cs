using System.Buffers.Binary;
using F2.Protocol;
using F2.Simulator.Models;

namespace F2.Simulator.Payloads;

/// <summary>Encodes a physical reading as the <c>data</c> hex string a sensor's firmware sends.</summary>
internal static class SensorEncoding
{
    /// <summary>
    /// The hex <c>data</c> for <paramref name="value"/>: <c>hex_to_float</c> rounds (value - offset) / scaling to the
    /// nearest integer of the sensor's width (two's complement when signed, clamped to the width's range);
    /// <c>ieee754_float32</c> writes the big-endian single.
    /// </summary>
    public static string Encode(SensorSpec sensor, double value)
    {
        double raw = (value - sensor.ValueOffset) / sensor.ScalingFactor;
        Span<byte> bytes = stackalloc byte[8];
        if (sensor.Encoding == EncodingType.Ieee754Float32)
        {
            BinaryPrimitives.WriteSingleBigEndian(bytes, (float)raw);
            return Format(bytes[..4], sensor.Style);
        }

        int bits = sensor.ByteWidth * 8;
        long min = sensor.IsSigned ? -(1L << (bits - 1)) : 0;
        long max = sensor.IsSigned ? (1L << (bits - 1)) - 1 : (long)((1UL << bits) - 1);
        long integer = Math.Clamp((long)Math.Round(raw, MidpointRounding.AwayFromZero), min, max);
        BinaryPrimitives.WriteInt64BigEndian(bytes, integer);
        return Format(bytes[(8 - sensor.ByteWidth)..], sensor.Style);
    }

    private static string Format(ReadOnlySpan<byte> bytes, HexStyle style) => style switch
    {
        HexStyle.Prefixed => "0x" + Convert.ToHexString(bytes),
        HexStyle.Spaced => string.Join(' ', bytes.ToArray().Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))),
        _ => Convert.ToHexString(bytes),
    };
}

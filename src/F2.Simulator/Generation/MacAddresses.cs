using System.Buffers.Binary;

namespace F2.Simulator.Generation;

/// <summary>
/// Device ids for simulated devices: <c>f2-</c> and a MAC address derived from the seed and the device index.
/// The first byte has the locally-administered bit set (never a real vendor's address); the last four bytes are a
/// bijection of the index, so no two devices of a run share an id.
/// </summary>
internal static class MacAddresses
{
    private const int Stream = 1;

    public static string DeviceId(int seed, int index)
    {
        ulong key = Seeds.Mix(seed, Stream, 0);
        Span<byte> mac = stackalloc byte[6];
        mac[0] = (byte)((key & 0xFC) | 0x02);
        mac[1] = (byte)(key >> 8);
        uint scrambled = (((uint)index * 0x9E3779B1u) ^ (uint)(key >> 32)) + (uint)(key >> 16);
        BinaryPrimitives.WriteUInt32BigEndian(mac[2..], scrambled);
        return "f2-" + Convert.ToHexStringLower(mac);
    }
}

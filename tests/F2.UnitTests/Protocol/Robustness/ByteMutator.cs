using System.Text;

namespace F2.Tests.Protocol.Robustness;

/// <summary>Seeded mutations of bytes: flips, truncation, insertion of hostile fragments, deletion, duplication.</summary>
internal sealed class ByteMutator(Random random)
{
    private static readonly byte[][] Fragments =
    [
        .. new[]
        {
            "{", "}", "[", "]", "\"", "\\", ",", ":", " ", "null", "true", "false", "0", "1", "-0", "1.0", "1e999999", "-1e-999999",
            "123456789012345678901234567890123456789", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u0000\"", "\"b'\\\\x\"", "\"b'\\\\xff'\"",
            "\"b'\\\\'\"", "\"0x\"", "\"00 FA\"", "\"7FC00000\"", "\"timestamp\":", "\"status\":", "\"data\":", "\"door-sensor-1\":",
            "\"exit-button-99\":", "\"2023-02-29 00:00:00\"", "\"9999-12-31 23:59:59-01:00\"", "\"2023-05-26T18:34:04.123456789Z\"",
            "/*", "//", "NaN", "Infinity", "\t", "\r\n",
        }.Select(Encoding.UTF8.GetBytes),
        [0xC3], [0xFF], [0xFE, 0xFF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xEF, 0xBB, 0xBF], [0x00],
        Encoding.UTF8.GetBytes(new string('[', 70)),
        Encoding.UTF8.GetBytes(new string('[', 1200) + new string(']', 1200)),
        Encoding.UTF8.GetBytes("{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 300)) + "1" + new string('}', 301)),
    ];

    public byte[] Mutate(byte[] input)
    {
        var bytes = new List<byte>(input);
        int count = random.Next(1, 5);
        for (int i = 0; i < count; i++)
        {
            MutateOnce(bytes);
        }

        return [.. bytes];
    }

    public byte[] Fragment() => Fragments[random.Next(Fragments.Length)];

    private void MutateOnce(List<byte> bytes)
    {
        int at = random.Next(bytes.Count + 1);
        int length = random.Next(1, 17);
        switch (random.Next(8))
        {
            case 0 when at < bytes.Count:
                bytes[at] = (byte)random.Next(256);
                break;
            case 1 when at < bytes.Count:
                bytes[at] ^= (byte)(1 << random.Next(8));
                break;
            case 2:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 3 when at + length <= bytes.Count:
                bytes.RemoveRange(at, length);
                break;
            case 4 when at + length <= bytes.Count:
                bytes.InsertRange(at, bytes.GetRange(at, length));
                break;
            case 5:
                bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 8)).Select(_ => (byte)random.Next(256)));
                break;
            default:
                bytes.InsertRange(at, Fragment());
                break;
        }
    }
}

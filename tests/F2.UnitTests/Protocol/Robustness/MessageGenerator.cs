using System.Globalization;
using System.Text;

namespace F2.Tests.Protocol.Robustness;

/// <summary>Seeded random messages: topics (mostly valid, some mangled) and structured payloads with random fields.</summary>
internal sealed class MessageGenerator(Random random)
{
    private static readonly string[] Modes = ["access-control-mode", "alarm-mode", "sensor-mode", "door-mode", ""];
    private static readonly string[] Components =
        ["strike-", "door-sensors", "reader-", "exit-buttons", "siren-", "motion-sensor-", "sensor-", "relay-"];

    private static readonly string[] Timestamps =
    [
        "2023-05-26 18:34:04.928538", "2023-05-26T18:34:04Z", "2023-05-26 20:34:04.5+02:00", "2024-02-29 00:00:00.123456789",
        "0001-01-01 00:00:00", "9999-12-31 23:59:59.999999",
    ];

    private static readonly string[] BadTimestamps = ["2023-02-30 10:00:00", "0001-01-01 00:00:00+00:01", "2023-05-26", ""];

    private static readonly string[] Booleans = ["true", "false", "0", "1", "1.0", "\"TRUE\"", "\"false\""];

    private static readonly string[] Data =
    [
        "\"00FA\"", "\"0x447A0000\"", "\"FF FF FF FF FF FF FF FF\"", "\"FF38\"", "\"b'\\\\xc3\\\\xa9'\"", "\"\\\"quoted\\\"\"",
        "\"CARD-0042\"", "\"b'\\\"Hello\\\"'\"",
    ];

    private static readonly string[] Anything =
    [
        "2", "-1", "1e999", "null", "[]", "{}", "\"yes\"", "\"7F800000\"", "\"0FA\"", "\"b'\\\\xff'\"", "\"b'\\\\q'\"",
        "\"\\ud800\"", "\"\"",
    ];

    public string Topic()
    {
        var topic = new StringBuilder("cmnd/f2-");
        for (int i = 0; i < 12; i++)
        {
            topic.Append("0123456789abcdefABCDEF"[random.Next(random.Next(20) == 0 ? 22 : 16)]);
        }

        string component = Components[random.Next(random.Next(20) == 0 ? Components.Length : Components.Length - 1)];
        topic.Append('/').Append(Modes[random.Next(random.Next(20) == 0 ? Modes.Length : 3)])
            .Append("/J").Append(random.Next(random.Next(20) == 0 ? 7 : 4) + 1)
            .Append('/').Append(component);
        if (component.EndsWith('-'))
        {
            topic.Append(random.Next(20) == 0 ? random.Next(-5, 120) : random.Next(1, 100));
        }

        return topic.ToString();
    }

    /// <summary>A payload that carries most fields any encoding reads, mostly with values that fit them.</summary>
    public byte[] Payload()
    {
        var members = new List<string>();
        if (random.Next(10) != 0)
        {
            string[] pool = random.Next(8) == 0 ? BadTimestamps : Timestamps;
            members.Add($"\"timestamp\": \"{pool[random.Next(pool.Length)]}\"");
        }

        Add(members, "status", Booleans);
        Add(members, "data", Data);
        int pins = random.Next(0, 4);
        for (int i = 0; i < pins; i++)
        {
            string pin = random.Next(20) == 0 ? "0" + random.Next(1, 10).ToString(CultureInfo.InvariantCulture) : random.Next(1, 100).ToString(CultureInfo.InvariantCulture);
            Add(members, "door-sensor-" + pin, Booleans);
        }

        Shuffle(members);
        return Encoding.UTF8.GetBytes("{" + string.Join(", ", members) + "}");
    }

    public byte[] RandomBytes()
    {
        var bytes = new byte[random.Next(0, 200)];
        random.NextBytes(bytes);
        return bytes;
    }

    private void Add(List<string> members, string name, string[] fitting)
    {
        if (random.Next(5) == 0)
        {
            return;
        }

        string value = random.Next(10) switch
        {
            0 => Anything[random.Next(Anything.Length)],
            1 => "\"" + Convert.ToHexString(BitConverter.GetBytes(random.NextInt64()), 0, random.Next(1, 9)) + "\"",
            _ => fitting[random.Next(fitting.Length)],
        };
        members.Add($"\"{name}\": {value}");
    }

    private void Shuffle(List<string> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}

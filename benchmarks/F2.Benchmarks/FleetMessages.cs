using System.Globalization;
using System.Text;
using F2.Protocol;

namespace F2.Benchmarks;

/// <summary>
/// Messages as a door-controller fleet sends them, drawn with a fixed seed. Weights (percent): door sensors 30,
/// strikes 24, exit buttons 14, readers 12 (half as Python bytes literals), RS-485 hex 10, RS-485 float32 4,
/// sirens 3, motion sensors 3.
/// </summary>
internal static class FleetMessages
{
    private static readonly (int Weight, Func<Random, string, (string Topic, string Payload)> Make)[] Kinds =
    [
        (30, static (r, id) => ($"cmnd/{id}/access-control-mode/J2/door-sensors", Map(r, "door-sensor", 2))),
        (24, static (r, id) => ($"cmnd/{id}/access-control-mode/J1/strike-{r.Next(1, 3)}", Status(r))),
        (14, static (r, id) => ($"cmnd/{id}/access-control-mode/J1/exit-buttons", Map(r, "exit-button", r.Next(1, 4)))),
        (12, static (r, id) => ($"cmnd/{id}/access-control-mode/J3/reader-1", Reader(r))),
        (10, static (r, id) => ($"cmnd/{id}/sensor-mode/J4/sensor-{r.Next(3, 5)}", Data(r, r.Next(0, 65536).ToString("X4", CultureInfo.InvariantCulture)))),
        (4, static (r, id) => ($"cmnd/{id}/sensor-mode/J4/sensor-5", Data(r, BitConverter.SingleToUInt32Bits(r.Next(950, 1050) + 0.25f).ToString("X8", CultureInfo.InvariantCulture)))),
        (3, static (r, id) => ($"cmnd/{id}/alarm-mode/J2/siren-1", Status(r))),
        (3, static (r, id) => ($"cmnd/{id}/alarm-mode/J1/motion-sensor-1", Status(r))),
    ];

    public static (string[] Topics, byte[][] Payloads) Create(int count, int seed = 42)
    {
        var random = new Random(seed);
        var topics = new string[count];
        var payloads = new byte[count][];
        int totalWeight = Kinds.Sum(kind => kind.Weight);
        for (int i = 0; i < count; i++)
        {
            int device = random.Next(Fleet.Devices);
            string id = i % Fleet.UnconfiguredShare == 0 ? Fleet.UnconfiguredDeviceId(device) : Fleet.DeviceId(device);
            int pick = random.Next(totalWeight);
            int k = 0;
            while (pick >= Kinds[k].Weight)
            {
                pick -= Kinds[k++].Weight;
            }

            (topics[i], string payload) = Kinds[k].Make(random, id);
            payloads[i] = Encoding.UTF8.GetBytes(payload);
        }

        return (topics, payloads);
    }

    /// <summary>The first <paramref name="count"/> reader messages of the mix (plain text and bytes literals, as the fleet sends them).</summary>
    public static (string[] Topics, byte[][] Payloads) CreateReaders(int count, int seed = 42)
    {
        var (topics, payloads) = Create(count * 20, seed);
        int[] readers = [.. Enumerable.Range(0, topics.Length).Where(i => topics[i].EndsWith("/reader-1", StringComparison.Ordinal)).Take(count)];
        return readers.Length == count
            ? ([.. readers.Select(i => topics[i])], [.. readers.Select(i => payloads[i])])
            : throw new InvalidOperationException($"The mix holds only {readers.Length} reader messages of the {count} asked for.");
    }

    private static string Timestamp(Random random) =>
        DeviceTimestamp.Format(new DateTime(2025, 11, 27, 8, 0, 0, DateTimeKind.Utc).AddTicks(random.NextInt64(TimeSpan.TicksPerDay)));

    private static string Status(Random random) =>
        $"{{\"timestamp\": \"{Timestamp(random)}\", \"status\": {(random.Next(2) == 0 ? "true" : "false")}}}";

    private static string Map(Random random, string name, int pins)
    {
        var text = new StringBuilder($"{{\"timestamp\": \"{Timestamp(random)}\"");
        for (int pin = 1; pin <= pins; pin++)
        {
            text.Append(CultureInfo.InvariantCulture, $", \"{name}-{pin}\": {(random.Next(2) == 0 ? "true" : "false")}");
        }

        return text.Append('}').ToString();
    }

    private static string Reader(Random random)
    {
        string card = $"CARD-{random.Next(10_000):D4}";
        return Data(random, random.Next(2) == 0 ? card : $"b'\\\"{card}\\\"'");
    }

    private static string Data(Random random, string data) => $"{{\"timestamp\": \"{Timestamp(random)}\", \"data\": \"{data}\"}}";
}

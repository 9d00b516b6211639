using F2.Protocol;

namespace F2.Testing.Doors;

/// <summary>
/// Deterministic door-heavy decoded traffic: each device walks through grants, exits, forced and held openings,
/// denied reads, unexplained unlocks and failed relocks on two doors, with RS-485 readings between, and the devices'
/// messages are interleaved in arrival order.
/// </summary>
public static class DoorTraffic
{
    public static List<DecodedMessage> Generate(int devices, int sequencesPerDevice, int seed, DateTime start)
    {
        var random = new Random(seed);
        var perDevice = new List<Queue<DecodedMessage>>();
        for (int d = 0; d < devices; d++)
        {
            string device = $"f2-{0xd0000 + d:x12}";
            var messages = new List<DecodedMessage>();
            DateTime t = start.AddMilliseconds(random.Next(1000));
            for (int door = 1; door <= 2; door++)
            {
                messages.Add(Signal(device, t, "strike", door, 0));
                messages.Add(Signal(device, t = t.AddMilliseconds(1), "door-sensors", door, 0));
                messages.Add(Signal(device, t = t.AddMilliseconds(1), "exit-buttons", door, 0));
            }

            for (int s = 0; s < sequencesPerDevice; s++)
            {
                int door = 1 + random.Next(2);
                t = t.AddSeconds(3 + random.Next(20));
                foreach ((double offset, string type, double value, string? text) in Sequence(random.Next(8), random))
                {
                    messages.Add(type == "qr-nfc-reader"
                        ? Reader(device, t.AddSeconds(offset), door, text!)
                        : Signal(device, t.AddSeconds(offset), type, door, value));
                }

                t = messages[^1].Rows[0].Time;
                messages.Add(Sensor(device, t = t.AddMilliseconds(500), random.Next(4000)));
            }

            messages.Add(Sensor(device, t.AddMinutes(5), 1));
            perDevice.Add(new Queue<DecodedMessage>(messages));
        }

        var arrival = new List<DecodedMessage>();
        while (perDevice.Any(queue => queue.Count > 0))
        {
            Queue<DecodedMessage> queue = perDevice[random.Next(perDevice.Count)];
            if (queue.Count > 0)
            {
                arrival.Add(queue.Dequeue());
            }
        }

        return arrival;
    }

    /// <summary>The steps of one door sequence: (seconds after its start, component type, value, reader text).</summary>
    private static IEnumerable<(double, string, double, string?)> Sequence(int kind, Random random)
    {
        string card = $"CARD{random.Next(100):d2}";
        return kind switch
        {
            0 => [(0, "qr-nfc-reader", 0, card), (0.3, "strike", 1, null), (1, "door-sensors", 1, null), (4, "door-sensors", 0, null), (4.2, "strike", 0, null)],
            1 => [(0, "exit-buttons", 1, null), (0.2, "exit-buttons", 0, null), (0.5, "door-sensors", 1, null), (3, "door-sensors", 0, null)],
            2 => [(0, "door-sensors", 1, null), (2.5, "door-sensors", 0, null)],
            3 => [(0, "qr-nfc-reader", 0, card), (0.3, "strike", 1, null), (1, "door-sensors", 1, null), (41, "door-sensors", 0, null), (41.2, "strike", 0, null)],
            4 => [(0, "qr-nfc-reader", 0, card)],
            5 => [(0, "strike", 1, null), (1, "strike", 0, null)],
            6 => [(0, "qr-nfc-reader", 0, card), (0.3, "strike", 1, null), (1, "door-sensors", 1, null), (3, "door-sensors", 0, null), (20, "strike", 0, null)],
            _ => [(0, "qr-nfc-reader", 0, card), (0.2, "strike", 1, null), (12, "strike", 0, null)],
        };
    }

    private static DecodedMessage Signal(string device, DateTime time, string type, int door, double value)
    {
        (string component, string id, int pin) = type switch
        {
            "strike" => ($"strike-{door}", door.ToString(System.Globalization.CultureInfo.InvariantCulture), door),
            _ => (type, "N/A", door),
        };
        return Message($"cmnd/{device}/access-control-mode/J{door}/{component}",
            new DecodedRow(time, device, "access-control-mode", $"J{door}", type, id, pin, value, null, "state"));
    }

    private static DecodedMessage Reader(string device, DateTime time, int door, string text)
    {
        string id = door.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Message($"cmnd/{device}/access-control-mode/J{door}/reader-{door}",
            new DecodedRow(time, device, "access-control-mode", $"J{door}", "qr-nfc-reader", id, door, null, text, "text"));
    }

    private static DecodedMessage Sensor(string device, DateTime time, int raw)
        => Message($"cmnd/{device}/sensor-mode/J3/sensor-1",
            new DecodedRow(time, device, "sensor-mode", "J3", "RS485-sensor", "1", 1, raw / 100.0, null, "celsius"));

    private static DecodedMessage Message(string topic, DecodedRow row) => new(topic, row.Time, 0, 0, [row]);
}

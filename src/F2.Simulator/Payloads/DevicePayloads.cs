namespace F2.Simulator.Payloads;

/// <summary>The three payload shapes of the seed document: a status, a pin map, and a <c>data</c> field.</summary>
internal static class DevicePayloads
{
    private const int MaxPayloadBytes = 1024;

    /// <summary><c>{"timestamp": "...", "status": true}</c>: strikes, sirens, motion sensors.</summary>
    public static byte[] Status(DateTime time, bool status)
    {
        var writer = new PayloadWriter(stackalloc byte[MaxPayloadBytes], time);
        writer.Boolean("status", status);
        return writer.ToArray();
    }

    /// <summary><c>{"timestamp": "...", "door-sensor-1": false, "door-sensor-2": true}</c>: door sensors, exit buttons.</summary>
    public static byte[] PinMap(DateTime time, IReadOnlyList<string> keys, ReadOnlySpan<bool> values)
    {
        var writer = new PayloadWriter(stackalloc byte[MaxPayloadBytes], time);
        for (int i = 0; i < keys.Count; i++)
        {
            writer.Boolean(keys[i], values[i]);
        }

        return writer.ToArray();
    }

    /// <summary><c>{"timestamp": "...", "data": "..."}</c>: readers and RS-485 sensors.</summary>
    public static byte[] Data(DateTime time, string data)
    {
        var writer = new PayloadWriter(stackalloc byte[MaxPayloadBytes], time);
        writer.String("data", data);
        return writer.ToArray();
    }
}

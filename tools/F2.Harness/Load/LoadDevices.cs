using System.Globalization;
using System.Text;
using F2.Protocol;

namespace F2.Harness.Load;

/// <summary>
/// The devices the load generator plays and what they send. Device <c>d</c> is <c>f2-a7</c> + <c>d</c> in ten hex
/// digits, an RS-485 sensor on <c>sensor-mode/J1/sensor-1</c> decoded as <c>hex_to_float</c>. Its message <c>k</c>
/// carries the device time <see cref="BaseTime"/> + <c>k</c> ms and the value <c>k</c> (four bytes of hex), so one
/// message is one row and the row says which message it was. A bad message carries <c>"data": "zz"</c>
/// (<c>value_invalid</c>) and goes to the dead-letter topic.
/// </summary>
public sealed class LoadDevices
{
    public const string ConnectorMode = ConnectorModes.Sensor;
    public const string Unit = "count";
    private const string DevicePrefix = "f2-a7";
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss.fff";

    public LoadDevices(int count, DateTime baseTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
        BaseTime = DateTime.SpecifyKind(baseTime, DateTimeKind.Utc);
    }

    public int Count { get; }

    /// <summary>The device time of every device's message 0 (UTC, whole seconds).</summary>
    public DateTime BaseTime { get; }

    public static string DeviceId(int device) => DevicePrefix + device.ToString("x10", CultureInfo.InvariantCulture);

    public static string Topic(int device) => DeviceTopic.Format(DeviceId(device), ConnectorMode, "J1", ComponentTypes.Rs485Sensor, 1);

    public DateTime TimeOf(int sequence) => BaseTime.AddMilliseconds(sequence);

    /// <summary>One exact <c>device_parameters</c> row per device.</summary>
    public IEnumerable<DeviceParameter> Parameters()
    {
        for (int device = 0; device < Count; device++)
        {
            yield return new DeviceParameter(DeviceId(device), ConnectorMode, ComponentTypes.Rs485Sensor, "1", EncodingType.HexToFloat, Unit);
        }
    }

    public byte[] Payload(MessageId id, bool bad)
    {
        string time = TimeOf(id.Sequence).ToString(TimeFormat, CultureInfo.InvariantCulture);
        string data = bad ? "zz" : id.Sequence.ToString("X8", CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes($$"""{"timestamp":"{{time}}","data":"{{data}}"}""");
    }

    /// <summary>The message a stored row came from; false for a row that is not the load's.</summary>
    public bool TryIdentify(string deviceId, DateTime time, out MessageId id)
    {
        id = default;
        if (!TryParseDevice(deviceId, out int device))
        {
            return false;
        }

        double milliseconds = (time.ToUniversalTime() - BaseTime).TotalMilliseconds;
        if (milliseconds < 0 || milliseconds > int.MaxValue || milliseconds != Math.Floor(milliseconds))
        {
            return false;
        }

        id = new MessageId(device, (int)milliseconds);
        return true;
    }

    /// <summary>The message a dead-letter record came from (its MQTT topic and original payload).</summary>
    public bool TryIdentify(string? mqttTopic, ReadOnlySpan<byte> payload, out MessageId id)
    {
        id = default;
        return mqttTopic is not null
            && DeviceTopic.TryParse(mqttTopic, out DeviceTopic topic)
            && TryTimestamp(payload, out DateTime time)
            && TryIdentify(topic.DeviceId, time, out id);
    }

    private static bool TryParseDevice(string deviceId, out int device)
    {
        device = 0;
        return deviceId.StartsWith(DevicePrefix, StringComparison.Ordinal)
            && int.TryParse(deviceId.AsSpan(DevicePrefix.Length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out device);
    }

    private static bool TryTimestamp(ReadOnlySpan<byte> payload, out DateTime time)
    {
        time = default;
        ReadOnlySpan<byte> key = "\"timestamp\":\""u8;
        int start = payload.IndexOf(key);
        if (start < 0)
        {
            return false;
        }

        ReadOnlySpan<byte> rest = payload[(start + key.Length)..];
        int end = rest.IndexOf((byte)'"');
        return end > 0 && DeviceTimestamp.TryParse(rest[..end], out time);
    }
}

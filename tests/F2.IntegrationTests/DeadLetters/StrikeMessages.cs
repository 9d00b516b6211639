using System.Globalization;
using System.Text;
using F2.Protocol;

namespace F2.Tests.DeadLetters;

/// <summary>
/// A device's strike-1 messages, each a different microsecond (so each its own row under the natural key) and value
/// (<c>status</c> alternating), and the parameter row that decodes them.
/// </summary>
internal static class StrikeMessages
{
    public static readonly DateTime Start = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);

    public static string Topic(string deviceId) => $"cmnd/{deviceId}/access-control-mode/J1/strike-1";

    public static DeviceParameter Parameter(string deviceId) => new(deviceId, "access-control-mode", "strike", "1", EncodingType.Boolean, "state");

    public static DateTime Time(int index) => Start.AddTicks(index * 10L);

    /// <summary>The value the message of <paramref name="index"/> decodes to.</summary>
    public static double Value(int index) => index % 2;

    public static byte[] Payload(int index) => Encoding.UTF8.GetBytes(string.Create(
        CultureInfo.InvariantCulture, $"{{\"timestamp\": \"{Time(index):yyyy-MM-dd HH:mm:ss.ffffff}\", \"status\": {(index % 2 == 1 ? "true" : "false")}}}"));

    /// <summary>A message of the device that no parameters make valid: its timestamp is no time.</summary>
    public static byte[] BadTimestamp(int index) => Encoding.UTF8.GetBytes($"{{\"timestamp\": \"not a time {index}\", \"status\": true}}");
}

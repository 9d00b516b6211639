using System.Globalization;
using System.Text;
using F2.Protocol;

namespace F2.Testing.BadInput;

/// <summary>
/// Collects the kinds of one corpus. Every kind gets its own device id (<c>f2-&lt;run id&gt;&lt;kind number&gt;</c>), so one
/// run's rows and dead letters are told apart from another's and from each other's.
/// </summary>
internal sealed class CorpusBuilder(string runId)
{
    /// <summary>Replaced by the kind's device id in topic templates.</summary>
    public const string DevicePlaceholder = "{device}";

    public const string StrikeTopic = "cmnd/{device}/access-control-mode/J1/strike-1";
    public const string DoorSensorsTopic = "cmnd/{device}/access-control-mode/J2/door-sensors";
    public const string ReaderTopic = "cmnd/{device}/access-control-mode/J3/reader-1";
    public const string HexSensorTopic = "cmnd/{device}/sensor-mode/J4/sensor-3";
    public const string FloatSensorTopic = "cmnd/{device}/sensor-mode/J4/sensor-5";
    public const string SirenTopic = "cmnd/{device}/alarm-mode/J2/siren-1";

    private readonly List<BadInputKind> _kinds = [];

    public IReadOnlyList<BadInputKind> Kinds => _kinds;

    /// <summary>The device id of the kind being built.</summary>
    public string Device => string.Create(CultureInfo.InvariantCulture, $"f2-{runId}{_kinds.Count + 1:x6}");

    /// <summary>A kind whose topic is <paramref name="topicTemplate"/> with <see cref="DevicePlaceholder"/> replaced.</summary>
    public BadInputKind Kind(string name, string description, string topicTemplate, byte[] payload, BadInputExpectation expected)
        => RawTopicKind(name, description, Encoding.UTF8.GetBytes(topicTemplate.Replace(DevicePlaceholder, Device, StringComparison.Ordinal)), payload, expected);

    /// <summary>A kind with exactly these topic bytes (which may be invalid UTF-8).</summary>
    public BadInputKind RawTopicKind(string name, string description, byte[] topic, byte[] payload, BadInputExpectation expected) => new()
    {
        Name = name,
        Description = description,
        Topic = topic,
        Payload = payload,
        DeviceId = DeviceIdOf(topic),
        Expected = expected,
    };

    public void Add(BadInputKind kind)
    {
        if (_kinds.Any(existing => existing.Name == kind.Name))
        {
            throw new InvalidOperationException($"Two corpus kinds are named {kind.Name}.");
        }

        _kinds.Add(kind);
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A valid strike message with the given JSON for <c>status</c>.</summary>
    public static byte[] StrikeMessage(string status) => Utf8($"{{\"timestamp\": \"{BadInputCorpus.Timestamp}\", \"status\": {status}}}");

    /// <summary>A valid message with a <c>data</c> field (reader, RS-485 sensors).</summary>
    public static byte[] DataMessage(string dataJson) => Utf8($"{{\"timestamp\": \"{BadInputCorpus.Timestamp}\", \"data\": {dataJson}}}");

    /// <summary>A valid strike message padded with an ignored field to exactly <paramref name="size"/> bytes.</summary>
    public static byte[] PaddedStrikeMessage(int size)
    {
        string head = $"{{\"timestamp\": \"{BadInputCorpus.Timestamp}\", \"status\": true, \"pad\": \"";
        const string Tail = "\"}";
        return Utf8(head + new string('x', size - head.Length - Tail.Length) + Tail);
    }

    /// <summary>Deterministic random bytes that do not start like JSON.</summary>
    public static byte[] Garbage(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0xFF;
        return bytes;
    }

    private static string? DeviceIdOf(byte[] topic)
    {
        try
        {
            return DeviceTopic.TryParse(new UTF8Encoding(false, true).GetString(topic), out var address) ? address.DeviceId : null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using F2.Doors.Derivation;
using F2.Protocol;
using F2.Protocol.Doors;
using F2.Tests.Protocol.Vectors;

namespace F2.Tests.Doors;

/// <summary>One line of a door-events vector file (spec section 11), serializable so that each vector is its own test case.</summary>
public sealed class DoorEventVector : VectorLine, Xunit.Abstractions.IXunitSerializable
{
    public const string ExtraVariable = "F2_EXTRA_DOOR_VECTORS";

    /// <summary>For the xunit deserializer.</summary>
    public DoorEventVector()
    {
    }

    public DoorEventVector(string file, int line, string json)
        : base(file, line, json)
    {
    }

    /// <summary><c>../shared/vectors/door-events</c>, and the folder named by <c>F2_EXTRA_DOOR_VECTORS</c> when set.</summary>
    public static IEnumerable<string> Folders()
    {
        yield return Path.Combine(VectorFolders.Shared, "door-events");
        if (Environment.GetEnvironmentVariable(ExtraVariable) is { Length: > 0 } extra)
        {
            yield return Path.GetFullPath(extra);
        }
    }

    public static IEnumerable<DoorEventVector> All()
    {
        foreach (string folder in Folders().Where(Directory.Exists))
        {
            foreach (string file in Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
            {
                string[] lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    if (!string.IsNullOrWhiteSpace(lines[i]))
                    {
                        yield return new DoorEventVector(file, i + 1, lines[i]);
                    }
                }
            }
        }
    }

    public IReadOnlyList<DeviceParameter> ParameterRows => Root.TryGetProperty("params", out JsonElement rows)
        ? [.. rows.EnumerateArray().Select(VectorJson.ReadParameter)]
        : [];

    public ParameterSet Parameters => ParameterSet.Create(ParameterRows);

    internal DoorSettingsTable Settings => DoorSettingsTable.Create(Root.TryGetProperty("settings", out JsonElement rows)
        ? [.. rows.EnumerateArray().Select(ReadSettings)]
        : []);

    public int MaxPayloadBytes => Root.TryGetProperty("max_payload_bytes", out JsonElement max)
        ? max.GetInt32()
        : MessageDecoder.DefaultMaxPayloadBytes;

    /// <summary>The messages in arrival order, as (topic, payload).</summary>
    public IEnumerable<(string Topic, byte[] Payload)> Messages => Root.GetProperty("messages").EnumerateArray().Select(message => (
        message.GetProperty("topic").GetString()!,
        message.TryGetProperty("payload_base64", out JsonElement base64)
            ? Convert.FromBase64String(base64.GetString()!)
            : Encoding.UTF8.GetBytes(message.GetProperty("payload").GetString()!)));

    /// <summary>The expected events, each rendered by <see cref="Render(DoorEvent)"/>, in the spec's order.</summary>
    public IReadOnlyList<string> ExpectedEvents => [.. Root.GetProperty("expect").GetProperty("events").EnumerateArray().Select(RenderExpected)];

    public long ExpectedCounter(string name) => Root.GetProperty("expect").GetProperty("counters").GetProperty(name).GetInt64();

    /// <summary>The messages decoded as the Decoder would; rejected ones are not input.</summary>
    public IEnumerable<DecodedMessage> DecodedMessages()
    {
        ParameterSet parameters = Parameters;
        foreach ((string topic, byte[] payload) in Messages)
        {
            var rows = new List<DecodedRow>();
            if (MessageDecoder.Decode(topic, payload, parameters, rows, MaxPayloadBytes).IsSuccess)
            {
                yield return new DecodedMessage(topic, DateTime.UnixEpoch, 0, 0, rows);
            }
        }
    }

    /// <summary>An event as one comparable line: every field of spec section 9.</summary>
    internal static string Render(DoorEvent e) => string.Join(" | ",
        e.EventId, Time(e.Time), e.DeviceId, e.Door.ToString(CultureInfo.InvariantCulture), e.Type.ToWireName(),
        e.Credential ?? "null", e.CauseTime is { } cause ? Time(cause) : "null",
        Details(JsonDocument.Parse(e.DetailsJson).RootElement));

    /// <summary>Events rendered, in the order of spec section 11: time, device, door, event type.</summary>
    internal static IEnumerable<string> RenderInOrder(IEnumerable<DoorEvent> events) => events
        .OrderBy(e => e.Time).ThenBy(e => e.DeviceId, StringComparer.Ordinal).ThenBy(e => e.Door)
        .ThenBy(e => e.Type.ToWireName(), StringComparer.Ordinal)
        .Select(Render);

    /// <summary>An event row as stored: the columns of spec section 9 in order, <c>details</c> as JSON text.</summary>
    public static string Render(string id, DateTime time, string device, int door, string type, string? credential, DateTime? cause, string details)
        => string.Join(" | ", id, Time(time), device, door.ToString(CultureInfo.InvariantCulture), type, credential ?? "null",
            cause is { } c ? Time(c) : "null", Details(JsonDocument.Parse(details).RootElement));

    /// <summary>The <c>details</c> object with its keys sorted (jsonb does not keep their order).</summary>
    public static string Details(JsonElement details) =>
        "{" + string.Join(", ", details.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}: {p.Value.GetRawText()}")) + "}";

    public static string Time(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static string Time(long micros) =>
        new DateTime(DateTime.UnixEpoch.Ticks + (micros * TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public override string ToString() => $"{Where} {Name}";

    public void Serialize(Xunit.Abstractions.IXunitSerializationInfo info) => Write(info);

    public void Deserialize(Xunit.Abstractions.IXunitSerializationInfo info) => Read(info);

    private static string RenderExpected(JsonElement e) => string.Join(" | ",
        e.GetProperty("event_id").GetString(), e.GetProperty("time").GetString(), e.GetProperty("device_id").GetString(),
        e.GetProperty("door").GetInt32().ToString(CultureInfo.InvariantCulture), e.GetProperty("event_type").GetString(),
        e.GetProperty("credential").GetString() ?? "null", e.GetProperty("cause_time").GetString() ?? "null",
        Details(e.GetProperty("details")));

    private static DoorSettingsRow ReadSettings(JsonElement row)
    {
        return new DoorSettingsRow(
            row.GetProperty("device_id").GetString()!,
            row.GetProperty("door").GetString()!,
            Micros(row, "grant_window"), Micros(row, "entry_window"), Micros(row, "rex_shunt"),
            Micros(row, "held_open"), Micros(row, "relock_timeout"), Micros(row, "lateness"));
    }

    private static long? Micros(JsonElement row, string name) =>
        row.TryGetProperty(name, out JsonElement seconds) && seconds.ValueKind == JsonValueKind.Number
            ? (long)Math.Round(seconds.GetDouble() * 1e6, MidpointRounding.AwayFromZero)
            : null;
}

using System.Text;
using System.Text.Json;
using F2.Protocol;

namespace F2.Tests.Protocol.Vectors;

/// <summary>One line of a vector file (spec section 7), serializable so that each vector is its own test case.</summary>
public sealed class DecodeVector : VectorLine
{
    /// <summary>For the xunit deserializer.</summary>
    public DecodeVector()
    {
    }

    public DecodeVector(string file, int line, string json)
        : base(file, line, json)
    {
    }

    public string Name => TryParse(out JsonElement root) && root.TryGetProperty("name", out JsonElement name)
        ? name.GetString() ?? Where
        : $"{Where} (unreadable)";

    public string Topic => Root.GetProperty("topic").GetString()!;

    public byte[] Payload => Root.TryGetProperty("payload_base64", out JsonElement base64)
        ? Convert.FromBase64String(base64.GetString()!)
        : Encoding.UTF8.GetBytes(Root.GetProperty("payload").GetString()!);

    public int MaxPayloadBytes => Root.TryGetProperty("max_payload_bytes", out JsonElement max)
        ? max.GetInt32()
        : MessageDecoder.DefaultMaxPayloadBytes;

    public IReadOnlyList<DeviceParameter> Parameters => Root.TryGetProperty("params", out JsonElement rows)
        ? [.. rows.EnumerateArray().Select(VectorJson.ReadParameter)]
        : [];

    /// <summary>The expected reason's wire name, or null when rows are expected.</summary>
    public string? ExpectedError => Root.GetProperty("expect").TryGetProperty("error", out JsonElement error)
        ? error.GetString()
        : null;

    public IReadOnlyList<JsonElement> ExpectedRows => [.. Root.GetProperty("expect").GetProperty("rows").EnumerateArray()];

    private JsonElement Root => TryParse(out JsonElement root)
        ? root
        : throw new InvalidDataException($"{Where} is not a JSON object.");

    public override string ToString() => Name;

    private bool TryParse(out JsonElement root)
    {
        try
        {
            root = JsonDocument.Parse(Json).RootElement;
            return root.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            root = default;
            return false;
        }
    }
}

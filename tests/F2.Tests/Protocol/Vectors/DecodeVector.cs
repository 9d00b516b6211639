using System.Text;
using System.Text.Json;
using F2.Protocol;
using Xunit.Abstractions;

namespace F2.Tests.Protocol.Vectors;

/// <summary>One line of a vector file (spec section 7), serializable so that each vector is its own test case.</summary>
public sealed class DecodeVector : IXunitSerializable
{
    private string _file = "";
    private int _line;
    private string _json = "";

    /// <summary>For the xunit deserializer.</summary>
    public DecodeVector()
    {
    }

    public DecodeVector(string file, int line, string json)
    {
        _file = file;
        _line = line;
        _json = json;
    }

    public string Name => TryParse(out JsonElement root) && root.TryGetProperty("name", out JsonElement name)
        ? name.GetString() ?? Where
        : $"{Where} (unreadable)";

    public string Where => $"{Path.GetFileName(_file)}:{_line}";

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

    public void Serialize(IXunitSerializationInfo info)
    {
        info.AddValue("file", _file);
        info.AddValue("line", _line);
        info.AddValue("json", _json);
    }

    public void Deserialize(IXunitSerializationInfo info)
    {
        _file = info.GetValue<string>("file");
        _line = info.GetValue<int>("line");
        _json = info.GetValue<string>("json");
    }

    public override string ToString() => Name;

    private bool TryParse(out JsonElement root)
    {
        try
        {
            root = JsonDocument.Parse(_json).RootElement;
            return root.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            root = default;
            return false;
        }
    }
}

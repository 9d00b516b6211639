using System.Text;
using System.Text.Json;
using F2.Protocol;
using Xunit.Abstractions;

namespace F2.Tests.Protocol.Vectors;

/// <summary>One line of a vector file (spec section 7), serializable so that each vector is its own test case.</summary>
public sealed class DecodeVector : VectorLine, IXunitSerializable
{
    /// <summary>For the xunit deserializer.</summary>
    public DecodeVector()
    {
    }

    public DecodeVector(string file, int line, string json)
        : base(file, line, json)
    {
    }

    /// <summary>Every vector of every <c>*.jsonl</c> in the shared vectors folder (and <c>F2_EXTRA_VECTORS</c>).</summary>
    public static IEnumerable<DecodeVector> All()
        => VectorLine.Lines(VectorFolders.VectorFiles()).Select(vector => new DecodeVector(vector.File, vector.Line, vector.Json));

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

    public void Serialize(IXunitSerializationInfo info) => Write(info);

    public void Deserialize(IXunitSerializationInfo info) => Read(info);
}

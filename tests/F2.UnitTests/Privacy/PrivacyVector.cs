using System.Text;
using System.Text.Json;
using F2.Protocol.Privacy;
using F2.Tests.Protocol.Vectors;
using Xunit.Abstractions;

namespace F2.Tests.Privacy;

/// <summary>One line of a reader-privacy vector file: <c>key_base64</c>, <c>text</c>, <c>stored</c>.</summary>
public sealed class PrivacyVector : VectorLine, IXunitSerializable
{
    /// <summary>For the xunit deserializer.</summary>
    public PrivacyVector()
    {
    }

    public PrivacyVector(string file, int line, string json)
        : base(file, line, json)
    {
    }

    public string KeyBase64 => Root.GetProperty("key_base64").GetString()!;

    public ReaderKey Key => ReaderKey.TryParse(KeyBase64, out var key, out string? problem)
        ? key
        : throw new InvalidDataException($"{Where}: key_base64 {problem}");

    public string Text => Root.GetProperty("text").GetString()!;

    public string Stored => Root.GetProperty("stored").GetString()!;

    /// <summary>Every vector of <c>reader-privacy/</c> and of <c>F2_EXTRA_PRIVACY_VECTORS</c>.</summary>
    public static IEnumerable<PrivacyVector> Load() =>
        Lines(VectorFolders.PrivacyFiles()).Select(line => new PrivacyVector(line.File, line.Line, line.Json));

    /// <summary><see cref="Load"/>, each vector its own case.</summary>
    public static TheoryData<PrivacyVector> All() => [.. Load()];

    /// <summary>
    /// A reader message whose decoded text (protocol spec section 4) is exactly <see cref="Text"/>, whatever it holds:
    /// its <c>data</c> is a quoted JSON string, which decoding unwraps once, so no text reads as a bytes literal.
    /// </summary>
    public byte[] ReaderPayload(string timestamp)
    {
        string data = JsonSerializer.Serialize(JsonSerializer.Serialize(Text));
        return Encoding.UTF8.GetBytes($"{{\"timestamp\": \"{timestamp}\", \"data\": {data}}}");
    }

    public void Serialize(IXunitSerializationInfo info) => Write(info);

    public void Deserialize(IXunitSerializationInfo info) => Read(info);
}

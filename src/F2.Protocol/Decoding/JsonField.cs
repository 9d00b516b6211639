using System.Text.Json;

namespace F2.Protocol.Decoding;

/// <summary>
/// Where one JSON value sits in the payload, captured during the single scan so that it can be read after the
/// whole document is known to be valid JSON. <see cref="Type"/> is <see cref="JsonTokenType.None"/> when absent.
/// </summary>
internal readonly struct JsonField
{
    private readonly int _start;
    private readonly int _length;

    private JsonField(JsonTokenType type, int start, int length, bool isEscaped)
    {
        Type = type;
        _start = start;
        _length = length;
        IsEscaped = isEscaped;
    }

    public JsonTokenType Type { get; }

    /// <summary>A string that holds escape sequences (its text must be unescaped before use).</summary>
    public bool IsEscaped { get; }

    public bool IsPresent => Type != JsonTokenType.None;

    /// <summary>Captures the current token (a value or a property name).</summary>
    public static JsonField Capture(ref Utf8JsonReader reader)
    {
        JsonTokenType type = reader.TokenType;
        bool quoted = type is JsonTokenType.String or JsonTokenType.PropertyName;
        int length = reader.ValueSpan.Length + (quoted ? 2 : 0);
        return new JsonField(type, (int)reader.TokenStartIndex, length, quoted && reader.ValueIsEscaped);
    }

    /// <summary>The token as it stands in the payload (strings with their quotes).</summary>
    public ReadOnlySpan<byte> Token(ReadOnlySpan<byte> payload) => payload.Slice(_start, _length);

    /// <summary>The token without quotes: a string's raw (possibly escaped) text, or a number or literal as written.</summary>
    public ReadOnlySpan<byte> RawText(ReadOnlySpan<byte> payload) =>
        Type is JsonTokenType.String or JsonTokenType.PropertyName ? payload.Slice(_start + 1, _length - 2) : Token(payload);
}

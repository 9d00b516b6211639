using System.Text.Json;

namespace F2.Protocol.Json;

/// <summary>Small typed reads of the current value of a <see cref="Utf8JsonReader"/>; false when the type is wrong.</summary>
internal static class JsonReading
{
    /// <summary>
    /// The UTF-8 text of the current string, unescaped into <paramref name="scratch"/> when needed; empty when it is
    /// not a string or does not fit (callers use this only for values that are short when valid).
    /// </summary>
    public static ReadOnlySpan<byte> ShortText(ref readonly Utf8JsonReader reader, Span<byte> scratch)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return default;
        }

        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        return reader.ValueSpan.Length <= scratch.Length ? scratch[..reader.CopyString(scratch)] : default;
    }

    public static bool TryString(ref Utf8JsonReader reader, bool allowNull, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return value is not null || (allowNull && reader.TokenType == JsonTokenType.Null);
    }

    public static bool TryNumber(ref Utf8JsonReader reader, bool allowNull, out double? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double number) && double.IsFinite(number))
        {
            value = number;
            return true;
        }

        return allowNull && reader.TokenType == JsonTokenType.Null;
    }

    /// <summary>Moves to the value of the current property and skips it.</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }
}

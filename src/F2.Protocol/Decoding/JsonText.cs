using System.Text.Json;

namespace F2.Protocol.Decoding;

/// <summary>Reads the text of captured JSON strings.</summary>
internal static class JsonText
{
    /// <summary>
    /// Big enough for any short field (timestamp, boolean word, hex) escaped as <c>\uXXXX</c> throughout: an escaped
    /// string longer than this unescapes to more than 256 / 6 = 42 bytes, longer than any valid value of those fields.
    /// </summary>
    public const int ShortTextBytes = 256;

    /// <summary>
    /// The unescaped UTF-8 text of a string field that is valid only when short. False when it is longer than
    /// <paramref name="scratch"/> or not valid Unicode (an escaped lone surrogate).
    /// </summary>
    public static bool TryGetShortText(
        ReadOnlySpan<byte> payload, in JsonField field, Span<byte> scratch, out ReadOnlySpan<byte> text)
    {
        text = field.RawText(payload);
        if (!field.IsEscaped)
        {
            return true;
        }

        if (text.Length > scratch.Length || !TryUnescape(field.Token(payload), scratch, out int written))
        {
            text = default;
            return false;
        }

        text = scratch[..written];
        return true;
    }

    /// <summary>
    /// Unescapes a quoted JSON string token into <paramref name="destination"/>, which must hold at least the
    /// escaped length. False when the text is not valid Unicode (an escaped lone surrogate).
    /// </summary>
    public static bool TryUnescape(ReadOnlySpan<byte> quotedToken, Span<byte> destination, out int written)
    {
        var reader = new Utf8JsonReader(quotedToken);
        try
        {
            reader.Read();
            written = reader.CopyString(destination);
            return true;
        }
        catch (InvalidOperationException)
        {
            written = 0;
            return false;
        }
    }
}

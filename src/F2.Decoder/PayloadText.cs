using System.Text;

namespace F2.Decoder;

/// <summary>
/// A payload as an operator's terminal can show it on one line safely: valid UTF-8 as text (line breaks and tabs written
/// <c>\n</c>, <c>\r</c>, <c>\t</c>), unless it holds another control or format character (escape sequences, bidi
/// overrides), then base64; cut to a length, with the full byte count said.
/// </summary>
internal static class PayloadText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Show(byte[] payload, int maxChars)
    {
        string? text = Printable(payload);
        string shown = text ?? Convert.ToBase64String(payload);
        string prefix = text is null ? "base64:" : "";
        return shown.Length <= maxChars
            ? prefix + shown
            : $"{prefix}{shown[..maxChars]}… ({payload.Length} bytes)";
    }

    private static string? Printable(byte[] payload)
    {
        try
        {
            string text = Strict.GetString(payload).Replace("\n", "\\n", StringComparison.Ordinal)
                .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
            return text.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format) ? null : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}

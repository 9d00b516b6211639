using System.Globalization;
using System.Text;
using System.Text.Json;

namespace F2.Protocol.Decoding;

/// <summary>A boolean (spec section 4): JSON <c>true</c>/<c>false</c>, the numbers 0/1, or the strings "true"/"false" in any case.</summary>
internal static class BooleanValue
{
    public static bool TryRead(ReadOnlySpan<byte> payload, in JsonField field, Span<byte> scratch, out bool value)
    {
        value = field.Type == JsonTokenType.True;
        switch (field.Type)
        {
            case JsonTokenType.True:
            case JsonTokenType.False:
                return true;
            case JsonTokenType.Number:
                // Numerically 0 or 1, as JSON's number model has it (1.0 and 1e0 are the number 1).
                bool parsed = double.TryParse(field.RawText(payload), NumberStyles.Float, CultureInfo.InvariantCulture, out double number);
                value = number == 1;
                return parsed && number is 0 or 1;
            case JsonTokenType.String when JsonText.TryGetShortText(payload, field, scratch, out ReadOnlySpan<byte> text):
                value = Ascii.EqualsIgnoreCase(text, "true"u8);
                return value || Ascii.EqualsIgnoreCase(text, "false"u8);
            default:
                return false;
        }
    }
}

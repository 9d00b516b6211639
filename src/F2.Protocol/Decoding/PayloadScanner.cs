using System.Buffers;
using System.Text.Json;
using F2.Protocol.Text;

namespace F2.Protocol.Decoding;

/// <summary>
/// One pass of <see cref="Utf8JsonReader"/> over a payload: checks that it is one JSON object and captures the
/// fields the encoding reads. Later fields with the same name win, as in most JSON readers.
/// </summary>
internal static class PayloadScanner
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 1000 };

    /// <summary>
    /// False when the payload is not a JSON object (<c>payload_not_json</c>). <paramref name="scratch"/>
    /// (<see cref="JsonText.ShortTextBytes"/>) holds unescaped pin values.
    /// </summary>
    public static bool TryScan(
        ReadOnlySpan<byte> payload, EncodingType? encoding, ref PayloadFields fields, Span<byte> scratch)
    {
        try
        {
            return Scan(payload, encoding, ref fields, scratch);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool Scan(
        ReadOnlySpan<byte> payload, EncodingType? encoding, ref PayloadFields fields, Span<byte> scratch)
    {
        var reader = new Utf8JsonReader(payload, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        bool readsStatus = encoding == EncodingType.Boolean;
        bool readsData = encoding is EncodingType.HexToFloat or EncodingType.Ieee754Float32 or EncodingType.RawString;
        bool readsPins = encoding == EncodingType.BooleanMap;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("timestamp"u8))
            {
                fields.Timestamp = ReadValue(ref reader);
            }
            else if (readsStatus && reader.ValueTextEquals("status"u8))
            {
                fields.Status = ReadValue(ref reader);
            }
            else if (readsData && reader.ValueTextEquals("data"u8))
            {
                fields.Data = ReadValue(ref reader);
            }
            else if (readsPins)
            {
                ScanPinKey(payload, ref reader, ref fields, scratch);
            }
            else
            {
                _ = ReadValue(ref reader);
            }
        }

        return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
    }

    /// <summary>Moves to the value after a property name, captures it and skips over it if it is nested.</summary>
    private static JsonField ReadValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        JsonField field = JsonField.Capture(ref reader);
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }

        return field;
    }

    private static void ScanPinKey(
        ReadOnlySpan<byte> payload, ref Utf8JsonReader reader, ref PayloadFields fields, scoped Span<byte> scratch)
    {
        int pin = PinOf(payload, JsonField.Capture(ref reader), scratch);
        JsonField value = ReadValue(ref reader);
        if (pin == 0)
        {
            return;
        }

        fields.PinKeyCount++;
        UInt128 bit = pin > 0 ? UInt128.One << pin : UInt128.Zero;
        if (pin < 0 || (fields.PinsPresent & bit) != UInt128.Zero || !BooleanValue.TryRead(payload, value, scratch, out bool state))
        {
            fields.PinsInvalid = true;
            return;
        }

        fields.PinsPresent |= bit;
        fields.PinsTrue |= state ? bit : UInt128.Zero;
    }

    /// <summary>k of a key <c>&lt;name&gt;-&lt;k&gt;</c>; 0 for other keys; -1 when the key cannot be read.</summary>
    private static int PinOf(ReadOnlySpan<byte> payload, JsonField key, Span<byte> scratch)
    {
        if (!key.IsEscaped)
        {
            return PinOf(key.RawText(payload));
        }

        ReadOnlySpan<byte> raw = key.RawText(payload);
        byte[]? rented = raw.Length > scratch.Length ? ArrayPool<byte>.Shared.Rent(raw.Length) : null;
        try
        {
            Span<byte> buffer = rented ?? scratch;
            return JsonText.TryUnescape(key.Token(payload), buffer, out int written) ? PinOf(buffer[..written]) : -1;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int PinOf(ReadOnlySpan<byte> key)
    {
        int dash = key.LastIndexOf((byte)'-');
        return dash > 0 && AsciiDigits.TryParseOneToNinetyNine(key[(dash + 1)..], out int pin) ? pin : 0;
    }
}

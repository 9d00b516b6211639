using System.Text.Json;
using F2.Protocol.Decoding;
using F2.Protocol.Text;

namespace F2.Protocol.Json;

/// <summary>
/// Reads one row of a <c>decoded_iot_data</c> record strictly: every field present with its type, canonical wire
/// strings (shared instances, so a consumer allocates only the unit and text), exactly one of value and value_text.
/// </summary>
internal static class DecodedRowReader
{
    private const int AllFields = (1 << 10) - 1;

    public static bool TryRead(ref Utf8JsonReader reader, out DecodedRow row)
    {
        row = default;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        Span<byte> scratch = stackalloc byte[JsonText.ShortTextBytes];
        int seen = 0;
        DateTime time = default;
        string? deviceId = null, mode = null, connector = null, componentType = null, componentId = null, valueText = null, unit = null;
        int pin = 0;
        double? value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int field = FieldOf(ref reader);
            reader.Read();
            bool ok = field switch
            {
                0 => TimeText.TryParseIso(JsonReading.ShortText(ref reader, scratch), out time),
                1 => TryDeviceId(JsonReading.ShortText(ref reader, scratch), out deviceId),
                2 => TryKnown(WireNames.Modes, JsonReading.ShortText(ref reader, scratch), out mode),
                3 => TryKnown(WireNames.Connectors, JsonReading.ShortText(ref reader, scratch), out connector),
                4 => TryKnown(WireNames.ComponentTypes, JsonReading.ShortText(ref reader, scratch), out componentType),
                5 => TryComponentId(JsonReading.ShortText(ref reader, scratch), out componentId),
                6 => reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out pin) && pin is >= 1 and <= 99,
                7 => JsonReading.TryNumber(ref reader, allowNull: true, out value),
                8 => JsonReading.TryString(ref reader, allowNull: true, out valueText),
                9 => JsonReading.TryString(ref reader, allowNull: false, out unit),
                _ => reader.TrySkip(),
            };
            if (!ok)
            {
                return false;
            }

            seen |= field >= 0 ? 1 << field : 0;
        }

        if (seen != AllFields || value.HasValue == valueText is not null)
        {
            return false;
        }

        row = new DecodedRow(time, deviceId!, mode!, connector!, componentType!, componentId!, pin, value, valueText, unit!);
        return true;
    }

    private static int FieldOf(ref Utf8JsonReader reader)
    {
        ReadOnlySpan<JsonEncodedText> names =
        [
            JsonNames.Time, JsonNames.DeviceId, JsonNames.ConnectorMode, JsonNames.Connector, JsonNames.ComponentType,
            JsonNames.ComponentId, JsonNames.PinPosition, JsonNames.Value, JsonNames.ValueText, JsonNames.Unit,
        ];
        for (int i = 0; i < names.Length; i++)
        {
            if (JsonNames.Is(ref reader, names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool TryDeviceId(ReadOnlySpan<byte> text, out string? deviceId)
    {
        deviceId = DeviceIds.TryParse(text, out ulong mac) ? DeviceIds.ToDeviceId(mac) : null;
        return deviceId is not null && WireNames.Matches(text, deviceId);
    }

    private static bool TryKnown(string[] names, ReadOnlySpan<byte> text, out string? value)
    {
        int index = WireNames.IndexOf(names, text);
        value = index >= 0 ? names[index] : null;
        return value is not null;
    }

    private static bool TryComponentId(ReadOnlySpan<byte> text, out string? value)
    {
        int index = text.IsEmpty ? -1 : WireNames.ComponentIdIndex(text);
        value = index >= 0 ? WireNames.ComponentIds[index] : null;
        return value is not null;
    }
}

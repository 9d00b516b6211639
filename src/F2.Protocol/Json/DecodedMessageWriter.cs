using System.Text.Json;
using F2.Protocol.Text;

namespace F2.Protocol.Json;

/// <summary>Writes a <see cref="DecodedMessage"/> in the field order of spec section 5.</summary>
internal static class DecodedMessageWriter
{
    public static void Write(Utf8JsonWriter writer, DecodedMessage message)
    {
        writer.WriteStartObject();
        writer.WriteString(JsonNames.Topic, message.Topic);
        WriteTime(writer, JsonNames.ReceivedAt, message.ReceivedAt);
        writer.WriteNumber(JsonNames.SourcePartition, message.SourcePartition);
        writer.WriteNumber(JsonNames.SourceOffset, message.SourceOffset);
        writer.WriteStartArray(JsonNames.Rows);
        IReadOnlyList<DecodedRow> rows = message.Rows;
        for (int i = 0; i < rows.Count; i++)
        {
            WriteRow(writer, rows[i]);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteRow(Utf8JsonWriter writer, in DecodedRow row)
    {
        writer.WriteStartObject();
        WriteTime(writer, JsonNames.Time, row.Time);
        writer.WriteString(JsonNames.DeviceId, row.DeviceId);
        writer.WriteString(JsonNames.ConnectorMode, row.ConnectorMode);
        writer.WriteString(JsonNames.Connector, row.Connector);
        writer.WriteString(JsonNames.ComponentType, row.ComponentType);
        writer.WriteString(JsonNames.ComponentId, row.ComponentId);
        writer.WriteNumber(JsonNames.PinPosition, row.PinPosition);
        if (row.Value is { } value)
        {
            writer.WriteNumber(JsonNames.Value, value);
        }
        else
        {
            writer.WriteNull(JsonNames.Value);
        }

        writer.WriteString(JsonNames.ValueText, row.ValueText);
        writer.WriteString(JsonNames.Unit, row.Unit);
        writer.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter writer, JsonEncodedText name, DateTime time)
    {
        Span<byte> text = stackalloc byte[TimeText.IsoLength];
        TimeText.Write(time, text, iso: true);
        writer.WriteString(name, text);
    }
}

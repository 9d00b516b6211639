using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;
using F2.Protocol.Decoding;
using F2.Protocol.Text;

namespace F2.Protocol.Json;

/// <summary>Reads a <c>decoded_iot_data</c> record value; false (never an exception) for anything else.</summary>
internal static class DecodedMessageReader
{
    private const int AllFields = (1 << 5) - 1;

    public static bool TryRead(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out DecodedMessage? message)
    {
        message = null;
        if (!Utf8.IsValid(utf8))
        {
            return false;
        }

        var reader = new Utf8JsonReader(utf8);
        try
        {
            return TryReadMessage(ref reader, out message) && !reader.Read();
        }
        catch (JsonException)
        {
            message = null;
            return false;
        }
        catch (InvalidOperationException)
        {
            // A string holding an escaped lone surrogate: not text this contract can carry.
            message = null;
            return false;
        }
    }

    private static bool TryReadMessage(ref Utf8JsonReader reader, [NotNullWhen(true)] out DecodedMessage? message)
    {
        message = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        Span<byte> scratch = stackalloc byte[JsonText.ShortTextBytes];
        int seen = 0;
        string? topic = null;
        DateTime receivedAt = default;
        int partition = 0;
        long offset = 0;
        List<DecodedRow>? rows = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int field = FieldOf(ref reader);
            reader.Read();
            bool ok = field switch
            {
                0 => JsonReading.TryString(ref reader, allowNull: false, out topic),
                1 => TimeText.TryParseIso(JsonReading.ShortText(ref reader, scratch), out receivedAt),
                2 => reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out partition),
                3 => reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out offset),
                4 => TryReadRows(ref reader, out rows),
                _ => reader.TrySkip(),
            };
            if (!ok)
            {
                return false;
            }

            seen |= field >= 0 ? 1 << field : 0;
        }

        if (seen != AllFields)
        {
            return false;
        }

        message = new DecodedMessage(topic!, receivedAt, partition, offset, rows!.ToArray());
        return true;
    }

    private static int FieldOf(ref Utf8JsonReader reader) =>
        JsonNames.Is(ref reader, JsonNames.Topic) ? 0
        : JsonNames.Is(ref reader, JsonNames.ReceivedAt) ? 1
        : JsonNames.Is(ref reader, JsonNames.SourcePartition) ? 2
        : JsonNames.Is(ref reader, JsonNames.SourceOffset) ? 3
        : JsonNames.Is(ref reader, JsonNames.Rows) ? 4
        : -1;

    private static bool TryReadRows(ref Utf8JsonReader reader, [NotNullWhen(true)] out List<DecodedRow>? rows)
    {
        rows = null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var list = new List<DecodedRow>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!DecodedRowReader.TryRead(ref reader, out DecodedRow row))
            {
                return false;
            }

            list.Add(row);
        }

        rows = list;
        return true;
    }
}

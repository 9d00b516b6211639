using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using F2.Protocol.Json;

namespace F2.Protocol;

/// <summary>
/// The JSON form of a <see cref="DecodedMessage"/> on <c>decoded_iot_data</c>: snake_case names as in spec section 5,
/// times as <c>YYYY-MM-DDTHH:MM:SS.ffffffZ</c>. A message whose times are whole microseconds (as decoded ones are)
/// reads back equal, field for field.
/// </summary>
/// <example>
/// <c>{"topic":"cmnd/f2-e4fd45f654be/access-control-mode/J1/strike-1","received_at":"2023-05-26T18:34:05.001000Z",
/// "source_partition":0,"source_offset":42,"rows":[{"time":"2023-05-26T18:34:04.928538Z","device_id":"f2-e4fd45f654be",
/// "connector_mode":"access-control-mode","connector":"J1","component_type":"strike","component_id":"1",
/// "pin_position":1,"value":1,"value_text":null,"unit":"state"}]}</c>
/// </example>
public static class DecodedMessageJson
{
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <exception cref="ArgumentException">A value is not a finite number (decoded rows never are).</exception>
    public static void Write(IBufferWriter<byte> output, DecodedMessage message)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);
        Utf8JsonWriter writer = t_writer ??= new Utf8JsonWriter(Stream.Null);
        writer.Reset(output);
        try
        {
            DecodedMessageWriter.Write(writer, message);
            writer.Flush();
        }
        finally
        {
            // Let go of the caller's buffer.
            writer.Reset(Stream.Null);
        }
    }

    public static byte[] Serialize(DecodedMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        Write(buffer, message);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a record value; false when it is not a valid decoded message. Never throws.</summary>
    public static bool TryDeserialize(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out DecodedMessage? message) =>
        DecodedMessageReader.TryRead(utf8, out message);
}

using System.Buffers;

namespace F2.Protocol;

/// <summary>
/// The JSON form of a <see cref="DecodedMessage"/> on <c>decoded_iot_data</c>: snake_case names as in spec section 5,
/// times as <c>YYYY-MM-DDTHH:MM:SS.ffffffZ</c>.
/// </summary>
public static class DecodedMessageJson
{
    public static void Write(IBufferWriter<byte> output, DecodedMessage message) => throw new NotImplementedException();

    public static byte[] Serialize(DecodedMessage message) => throw new NotImplementedException();

    /// <summary>Reads a record value; false when it is not a valid decoded message.</summary>
    public static bool TryDeserialize(ReadOnlySpan<byte> utf8, out DecodedMessage? message) => throw new NotImplementedException();
}

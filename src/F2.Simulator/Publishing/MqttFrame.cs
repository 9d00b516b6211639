using MQTTnet.Adapter;
using MQTTnet.Exceptions;

namespace F2.Simulator.Publishing;

/// <summary>
/// Cuts MQTT control packets out of received bytes (fixed header byte, remaining length as a variable byte integer
/// of 1 to 4 bytes, body), for MQTTnet's decoder.
/// </summary>
internal static class MqttFrame
{
    private const int MaxLengthBytes = 4;

    /// <summary>
    /// The first whole packet at the start of <paramref name="buffer"/>; false while it is incomplete. Throws when the
    /// remaining length is malformed (more than four bytes).
    /// </summary>
    public static bool TryRead(ArraySegment<byte> buffer, out ReceivedMqttPacket packet)
    {
        packet = default;
        ReadOnlySpan<byte> bytes = buffer;
        int bodyLength = 0;
        int index = 1;
        for (int multiplier = 1; ; multiplier *= 128, index++)
        {
            if (index >= bytes.Length)
            {
                return false;
            }

            if (index > MaxLengthBytes)
            {
                throw new MqttProtocolViolationException("Malformed remaining length in a packet from the broker.");
            }

            bodyLength += (bytes[index] & 0x7F) * multiplier;
            if ((bytes[index] & 0x80) == 0)
            {
                break;
            }
        }

        int headerLength = index + 1;
        if (bytes.Length - headerLength < bodyLength)
        {
            return false;
        }

        packet = new ReceivedMqttPacket(bytes[0], buffer.Slice(headerLength, bodyLength), headerLength + bodyLength);
        return true;
    }
}

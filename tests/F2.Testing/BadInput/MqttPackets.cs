using System.Buffers.Binary;
using System.Text;

namespace F2.Testing.BadInput;

/// <summary>
/// Encodes the few MQTT 5 packets <see cref="RawMqttPublisher"/> sends, byte for byte as given: the topic is
/// written as raw bytes, so it may hold what no MQTT library would send.
/// </summary>
internal static class MqttPackets
{
    public const byte ConnAck = 0x20;
    public const byte PubAck = 0x40;
    public const byte PubRec = 0x50;
    public const byte PubComp = 0x70;
    public const byte PingResp = 0xD0;
    public const byte Disconnect = 0xE0;

    public static readonly byte[] PingReq = [0xC0, 0x00];
    public static readonly byte[] NormalDisconnect = [0xE0, 0x00];

    private const byte UserPropertyId = 0x26;

    /// <summary>CONNECT, MQTT 5, clean start, no session expiry, keep alive 60 s.</summary>
    public static byte[] Connect(string clientId, string? userName, string? password)
    {
        var body = new List<byte>();
        AddString(body, "MQTT"u8);
        body.Add(5);
        body.Add((byte)(0x02 | (userName is null ? 0 : 0x80) | (password is null ? 0 : 0x40)));
        AddUInt16(body, 60);
        body.Add(0); // no properties
        AddString(body, Encoding.UTF8.GetBytes(clientId));
        if (userName is not null)
        {
            AddString(body, Encoding.UTF8.GetBytes(userName));
        }

        if (password is not null)
        {
            AddString(body, Encoding.UTF8.GetBytes(password));
        }

        return Packet(0x10, body);
    }

    public static byte[] Publish(ReadOnlySpan<byte> topic, ReadOnlySpan<byte> payload, int qos, bool retain, ushort packetId, IReadOnlyList<KeyValuePair<string, string>> userProperties)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(topic.Length, ushort.MaxValue);
        var properties = new List<byte>();
        foreach (var (name, value) in userProperties)
        {
            properties.Add(UserPropertyId);
            AddString(properties, Encoding.UTF8.GetBytes(name));
            AddString(properties, Encoding.UTF8.GetBytes(value));
        }

        var head = new List<byte>(topic.Length + 16 + properties.Count);
        AddString(head, topic);
        if (qos > 0)
        {
            AddUInt16(head, packetId);
        }

        AddVariableInteger(head, properties.Count);
        head.AddRange(properties);

        var fixedHeader = new List<byte> { (byte)(0x30 | (qos << 1) | (retain ? 1 : 0)) };
        AddVariableInteger(fixedHeader, head.Count + payload.Length);
        var packet = new byte[fixedHeader.Count + head.Count + payload.Length];
        fixedHeader.CopyTo(packet);
        head.CopyTo(packet, fixedHeader.Count);
        payload.CopyTo(packet.AsSpan(fixedHeader.Count + head.Count));
        return packet;
    }

    public static byte[] PubRel(ushort packetId) => [0x62, 0x02, (byte)(packetId >> 8), (byte)packetId];

    /// <summary>The packet id of a PUBACK, PUBREC or PUBCOMP body.</summary>
    public static ushort PacketIdOf(byte[] body) => body.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(body) : (ushort)0;

    /// <summary>The reason code of an acknowledgement (after its packet id) or a DISCONNECT (first byte); absent means success.</summary>
    public static byte ReasonCodeOf(byte type, byte[] body) => type switch
    {
        Disconnect => body.Length >= 1 ? body[0] : (byte)0,
        ConnAck => body.Length >= 2 ? body[1] : (byte)0,
        _ => body.Length >= 3 ? body[2] : (byte)0,
    };

    private static byte[] Packet(byte type, List<byte> body)
    {
        var packet = new List<byte>(body.Count + 5) { type };
        AddVariableInteger(packet, body.Count);
        packet.AddRange(body);
        return [.. packet];
    }

    private static void AddString(List<byte> buffer, ReadOnlySpan<byte> value)
    {
        AddUInt16(buffer, (ushort)value.Length);
        buffer.AddRange(value);
    }

    private static void AddUInt16(List<byte> buffer, ushort value)
    {
        buffer.Add((byte)(value >> 8));
        buffer.Add((byte)value);
    }

    private static void AddVariableInteger(List<byte> buffer, int value)
    {
        do
        {
            byte digit = (byte)(value % 128);
            value /= 128;
            buffer.Add(value > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (value > 0);
    }
}

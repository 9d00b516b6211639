using System.Globalization;

namespace F2.Testing.BadInput;

/// <summary>The MQTT 5 reason codes the corpus meets, with their specification names.</summary>
public static class MqttReasonCodes
{
    public const byte Success = 0x00;
    public const byte NoMatchingSubscribers = 0x10;
    public const byte MalformedPacket = 0x81;
    public const byte ProtocolError = 0x82;
    public const byte NotAuthorized = 0x87;
    public const byte PacketTooLarge = 0x95;

    public static string Describe(byte code) => string.Create(CultureInfo.InvariantCulture, $"0x{code:X2} {Name(code)}");

    private static string Name(byte code) => code switch
    {
        Success => "Success",
        NoMatchingSubscribers => "No matching subscribers",
        MalformedPacket => "Malformed Packet",
        ProtocolError => "Protocol Error",
        NotAuthorized => "Not authorized",
        PacketTooLarge => "Packet too large",
        _ => "(other)",
    };
}

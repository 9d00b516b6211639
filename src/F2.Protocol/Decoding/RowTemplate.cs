using F2.Protocol.Topics;

namespace F2.Protocol.Decoding;

/// <summary>The parts every row of one message shares; makes the rows with their pin and value.</summary>
internal readonly struct RowTemplate
{
    private readonly TopicAddress _address;
    private readonly DateTime _time;
    private readonly string _deviceId;
    private readonly string _unit;

    public RowTemplate(in TopicAddress address, string deviceId, DateTime time, string unit)
    {
        _address = address;
        _time = time;
        _deviceId = deviceId;
        _unit = unit;
    }

    public DecodedRow Row(int pin, double? value, string? valueText) => new(
        _time,
        _deviceId,
        _address.ModeName,
        _address.ConnectorName,
        _address.ComponentType,
        _address.ComponentId,
        pin,
        value,
        valueText,
        _unit);
}

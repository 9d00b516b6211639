using F2.Protocol.Text;

namespace F2.Protocol.Topics;

/// <summary>A parsed topic as indexes: what the decoder works with before it needs any string.</summary>
/// <param name="Mac">The device's 48-bit address.</param>
/// <param name="Mode">Index into <see cref="WireNames.Modes"/>.</param>
/// <param name="Connector">Index into <see cref="WireNames.Connectors"/>.</param>
/// <param name="Kind">The component type.</param>
/// <param name="Number">1 to 99, or 0 for components without a number (<c>N/A</c>).</param>
internal readonly record struct TopicAddress(ulong Mac, int Mode, int Connector, ComponentKind Kind, int Number)
{
    /// <summary>The pin of a one-row encoding: the component number, 1 for components without one.</summary>
    public int SinglePin => Number == 0 ? 1 : Number;

    public string ModeName => WireNames.Modes[Mode];

    public string ConnectorName => WireNames.Connectors[Connector];

    public string ComponentType => WireNames.ComponentTypes[(int)Kind];

    public string ComponentId => WireNames.ComponentIds[Number];

    public DeviceTopic ToDeviceTopic() =>
        new(DeviceIds.ToDeviceId(Mac), ModeName, ConnectorName, ComponentType, ComponentId, Number);
}

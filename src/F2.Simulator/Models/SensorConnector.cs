using F2.Protocol;
using F2.Protocol.Topics;

namespace F2.Simulator.Models;

/// <summary>A connector in <c>sensor-mode</c>: an RS-485 bus with one or more addressed sensors.</summary>
internal sealed record SensorConnector : ConnectorLayout
{
    public SensorConnector(string connector, params SensorSpec[] sensors)
        : base(connector, ConnectorModes.Sensor)
    {
        Sensors = sensors;
        Components = [.. sensors.Select(s => Component.Numbered(connector, Mode, ComponentKind.Rs485Sensor, s.Number))];
    }

    public IReadOnlyList<SensorSpec> Sensors { get; }

    public override IReadOnlyList<Component> Components { get; }
}

using F2.Protocol;
using F2.Protocol.Topics;

namespace F2.Simulator.Models;

/// <summary>A connector in <c>alarm-mode</c>: one zone of motion sensors and the sirens they can set off.</summary>
internal sealed record AlarmConnector : ConnectorLayout
{
    public AlarmConnector(string connector, int[] motionSensors, int[] sirens)
        : base(connector, ConnectorModes.Alarm)
    {
        MotionSensors = motionSensors;
        Sirens = sirens;
        Components =
        [
            .. motionSensors.Select(n => Component.Numbered(connector, Mode, ComponentKind.MotionSensor, n)),
            .. sirens.Select(n => Component.Numbered(connector, Mode, ComponentKind.Siren, n)),
        ];
    }

    public IReadOnlyList<int> MotionSensors { get; }

    public IReadOnlyList<int> Sirens { get; }

    public override IReadOnlyList<Component> Components { get; }
}

using F2.Protocol;
using F2.Protocol.Topics;

namespace F2.Simulator.Models;

/// <summary>
/// A connector in <c>access-control-mode</c> serving one or more doors: a strike per door, an optional reader per
/// door, one <c>door-sensors</c> map and (when any door has one) one <c>exit-buttons</c> map with a pin per door.
/// </summary>
internal sealed record AccessControlConnector : ConnectorLayout
{
    public AccessControlConnector(string connector, params DoorSpec[] doors)
        : base(connector, ConnectorModes.AccessControl)
    {
        Doors = doors;
        Components = [.. BuildComponents(connector, doors)];
    }

    public IReadOnlyList<DoorSpec> Doors { get; }

    public override IReadOnlyList<Component> Components { get; }

    private static IEnumerable<Component> BuildComponents(string connector, DoorSpec[] doors)
    {
        string mode = ConnectorModes.AccessControl;
        foreach (DoorSpec door in doors)
        {
            yield return Component.Numbered(connector, mode, ComponentKind.Strike, door.Number);
        }

        yield return new Component(connector, mode, ComponentKind.DoorSensors, 0, [.. doors.Select(d => d.Number)]);
        foreach (DoorSpec door in doors.Where(d => d.HasReader))
        {
            yield return Component.Numbered(connector, mode, ComponentKind.QrNfcReader, door.Number);
        }

        int[] exitPins = [.. doors.Where(d => d.HasExitButton).Select(d => d.Number)];
        if (exitPins.Length > 0)
        {
            yield return new Component(connector, mode, ComponentKind.ExitButtons, 0, exitPins);
        }
    }
}

using F2.Protocol;
using F2.Protocol.Topics;

namespace F2.Simulator.Models;

/// <summary>
/// One component on a connector, as its topic names it: <c>strike-2</c> on J1 is
/// (<see cref="ComponentKind.Strike"/>, 2, pins [2]); <c>door-sensors</c> on J2 of a two-door connector is
/// (<see cref="ComponentKind.DoorSensors"/>, 0, pins [3, 4]).
/// </summary>
/// <param name="Connector"><c>J1</c> to <c>J4</c>.</param>
/// <param name="Mode">The connector's mode (wire name).</param>
/// <param name="Kind">The component type.</param>
/// <param name="Number">The N of the topic token; 0 for the pin maps (<c>door-sensors</c>, <c>exit-buttons</c>).</param>
/// <param name="Pins">The pin positions of the rows it yields.</param>
internal sealed record Component(string Connector, string Mode, ComponentKind Kind, int Number, IReadOnlyList<int> Pins)
{
    /// <summary>The <c>component_id</c> wire value: the number, or <c>N/A</c> for a pin map.</summary>
    public string ComponentId => Kind.HasNumber() ? ComponentIds.Format(Number) : ComponentIds.NotApplicable;

    /// <summary>The last topic level, e.g. <c>motion-sensor-3</c>.</summary>
    public string TopicToken => Kind.TopicToken(Number);

    public static Component Numbered(string connector, string mode, ComponentKind kind, int number) =>
        new(connector, mode, kind, number, [number]);
}

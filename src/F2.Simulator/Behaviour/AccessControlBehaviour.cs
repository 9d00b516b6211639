using F2.Protocol.Topics;
using F2.Simulator.Generation;
using F2.Simulator.Models;
using F2.Simulator.Payloads;

namespace F2.Simulator.Behaviour;

/// <summary>
/// The doors of one <c>access-control-mode</c> connector and the messages their steps publish: the reader's read, the
/// strike's status, or the whole <c>door-sensors</c> / <c>exit-buttons</c> map of the connector (true = open / pressed).
/// </summary>
internal sealed class AccessControlBehaviour
{
    private readonly CardPool _cards;
    private readonly string _doorSensorsTopic;
    private readonly string[] _doorSensorKeys;
    private readonly string? _exitButtonsTopic;
    private readonly string[] _exitButtonKeys;
    private readonly SimulatedDoor[] _exitDoors;

    public AccessControlBehaviour(string deviceId, AccessControlConnector connector, CardPool cards, Random random)
    {
        _cards = cards;
        Doors = [.. connector.Doors.Select(spec => new SimulatedDoor(deviceId, connector, spec, this, random))];
        _exitDoors = [.. Doors.Where(d => d.Spec.HasExitButton)];
        _doorSensorsTopic = ComponentTopics.For(deviceId, connector, ComponentKind.DoorSensors, 0);
        _doorSensorKeys = [.. Doors.Select(d => $"door-sensor-{d.Spec.Number}")];
        _exitButtonsTopic = _exitDoors.Length > 0 ? ComponentTopics.For(deviceId, connector, ComponentKind.ExitButtons, 0) : null;
        _exitButtonKeys = [.. _exitDoors.Select(d => $"exit-button-{d.Spec.Number}")];
    }

    public SimulatedDoor[] Doors { get; }

    /// <summary>Applies <paramref name="action"/> to <paramref name="door"/> and returns the message that tells of it.</summary>
    public SimulatedMessage Apply(SimulatedDoor door, DoorAction action, DateTime time)
    {
        switch (action)
        {
            case DoorAction.Read:
                return Read(door, _cards.Enrolled(door.Random), time);
            case DoorAction.ReadUnknown:
                return Read(door, CardPool.Unknown(door.Random), time);
            case DoorAction.Unlock or DoorAction.Lock:
                door.IsUnlocked = action == DoorAction.Unlock;
                return Strike(door, time);
            case DoorAction.Press or DoorAction.Release or DoorAction.ReportExitButtons:
                door.IsExitPressed = action == DoorAction.Press;
                return ExitButtons(time);
            default:
                door.IsOpen = action == DoorAction.Open;
                return DoorSensors(time);
        }
    }

    /// <summary>The strike's status as it is: a repeat, which the door stage ignores.</summary>
    public static SimulatedMessage Strike(SimulatedDoor door, DateTime time) => new(door.StrikeTopic, DevicePayloads.Status(time, door.IsUnlocked));

    private static SimulatedMessage Read(SimulatedDoor door, string credential, DateTime time) =>
        new(door.ReaderTopic!, DevicePayloads.Data(time, ReaderData.Format(credential, door.ReaderFormat)));

    private SimulatedMessage DoorSensors(DateTime time)
    {
        Span<bool> open = stackalloc bool[Doors.Length];
        for (int i = 0; i < Doors.Length; i++)
        {
            open[i] = Doors[i].IsOpen;
        }

        return new(_doorSensorsTopic, DevicePayloads.PinMap(time, _doorSensorKeys, open));
    }

    private SimulatedMessage ExitButtons(DateTime time)
    {
        Span<bool> pressed = stackalloc bool[_exitDoors.Length];
        for (int i = 0; i < _exitDoors.Length; i++)
        {
            pressed[i] = _exitDoors[i].IsExitPressed;
        }

        return new(_exitButtonsTopic!, DevicePayloads.PinMap(time, _exitButtonKeys, pressed));
    }
}

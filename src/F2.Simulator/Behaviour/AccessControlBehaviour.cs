using F2.Protocol.Topics;
using F2.Simulator.Generation;
using F2.Simulator.Models;
using F2.Simulator.Payloads;

namespace F2.Simulator.Behaviour;

/// <summary>
/// The doors of one <c>access-control-mode</c> connector. Each step moves one door (chosen at random) through its
/// <see cref="DoorStateMachine"/> and publishes what happened: the reader's read, the strike's status, or the whole
/// <c>door-sensors</c> / <c>exit-buttons</c> map of the connector (true = open / pressed).
/// </summary>
internal sealed class AccessControlBehaviour : IConnectorBehaviour
{
    private readonly Door[] _doors;
    private readonly CardPool _cards;
    private readonly string _doorSensorsTopic;
    private readonly string[] _doorSensorKeys;
    private readonly string? _exitButtonsTopic;
    private readonly string[] _exitButtonKeys;
    private readonly Door[] _exitDoors;

    public AccessControlBehaviour(string deviceId, AccessControlConnector connector, CardPool cards, Random random)
    {
        _cards = cards;
        _doors = [.. connector.Doors.Select(spec => new Door(deviceId, connector, spec, random))];
        _exitDoors = [.. _doors.Where(d => d.Spec.HasExitButton)];
        _doorSensorsTopic = ComponentTopics.For(deviceId, connector, ComponentKind.DoorSensors, 0);
        _doorSensorKeys = [.. _doors.Select(d => $"door-sensor-{d.Spec.Number}")];
        _exitButtonsTopic = _exitDoors.Length > 0 ? ComponentTopics.For(deviceId, connector, ComponentKind.ExitButtons, 0) : null;
        _exitButtonKeys = [.. _exitDoors.Select(d => $"exit-button-{d.Spec.Number}")];
    }

    public SimulatedMessage Step(Random random, DateTime time)
    {
        Door door = _doors[random.Next(_doors.Length)];
        return door.Machine.Step(random) switch
        {
            DoorEvent.CardAccepted => Read(door, _cards.Enrolled(random), time),
            DoorEvent.CardRejected => Read(door, CardPool.Unknown(random), time),
            DoorEvent.ExitPressed or DoorEvent.ExitReleased => ExitButtons(time),
            DoorEvent.Unlocked => new(door.StrikeTopic, DevicePayloads.Status(time, true)),
            DoorEvent.Relocked => new(door.StrikeTopic, DevicePayloads.Status(time, false)),
            _ => DoorSensors(time),
        };
    }

    private static SimulatedMessage Read(Door door, string credential, DateTime time) =>
        new(door.ReaderTopic!, DevicePayloads.Data(time, ReaderData.Format(credential, door.ReaderFormat)));

    private SimulatedMessage DoorSensors(DateTime time)
    {
        Span<bool> open = stackalloc bool[_doors.Length];
        for (int i = 0; i < _doors.Length; i++)
        {
            open[i] = _doors[i].Machine.IsOpen;
        }

        return new(_doorSensorsTopic, DevicePayloads.PinMap(time, _doorSensorKeys, open));
    }

    private SimulatedMessage ExitButtons(DateTime time)
    {
        Span<bool> pressed = stackalloc bool[_exitDoors.Length];
        for (int i = 0; i < _exitDoors.Length; i++)
        {
            pressed[i] = _exitDoors[i].Machine.IsExitPressed;
        }

        return new(_exitButtonsTopic!, DevicePayloads.PinMap(time, _exitButtonKeys, pressed));
    }

    private sealed class Door(string deviceId, AccessControlConnector connector, DoorSpec spec, Random random)
    {
        public DoorSpec Spec { get; } = spec;

        public DoorStateMachine Machine { get; } = new(spec.HasReader, spec.HasExitButton);

        public string StrikeTopic { get; } = ComponentTopics.For(deviceId, connector, ComponentKind.Strike, spec.Number);

        public string? ReaderTopic { get; } = spec.HasReader ? ComponentTopics.For(deviceId, connector, ComponentKind.QrNfcReader, spec.Number) : null;

        /// <summary>Firmware differs per reader: most send the bytes repr of a JSON string, some plain text.</summary>
        public ReaderFormat ReaderFormat { get; } = random.Next(4) == 0 ? ReaderFormat.PlainText : ReaderFormat.BytesLiteral;
    }
}

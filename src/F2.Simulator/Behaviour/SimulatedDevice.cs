using F2.Protocol;
using F2.Simulator.Generation;
using F2.Simulator.Models;

namespace F2.Simulator.Behaviour;

/// <summary>
/// One simulated controller: its doors (<see cref="DoorSchedule"/>), a behaviour per alarm and sensor connector, its own
/// random source (so it behaves the same whatever the rest of the fleet does) and its own clock, which never repeats a
/// timestamp (every message of a device has a distinct microsecond, so the pipeline's natural key never merges two of
/// them). A turn publishes the door step that is due, if any; otherwise every <see cref="SensorPollEvery"/>th turn is a
/// sensor reading when the model has sensors, the others come from an alarm connector chosen at random (all readings
/// on a model without alarms; a door's strike status on a model with doors only).
/// </summary>
internal sealed class SimulatedDevice
{
    public const int SensorPollEvery = 4;

    private readonly DoorSchedule _doors;
    private readonly IConnectorBehaviour[] _events;
    private readonly IConnectorBehaviour[] _sensorBuses;
    private readonly Random _random;
    private long _steps;
    private int _nextBus;
    private DateTime _lastTime = DateTime.MinValue;

    public SimulatedDevice(string deviceId, DeviceModel model, Random random, DoorTrafficOptions doors, IGroundTruth truth)
    {
        DeviceId = deviceId;
        Model = model;
        _random = random;
        var cards = new CardPool(random);
        SimulatedDoor[] allDoors = [.. model.Connectors.OfType<AccessControlConnector>()
            .SelectMany(c => new AccessControlBehaviour(deviceId, c, cards, random).Doors)];
        _doors = new DoorSchedule(deviceId, allDoors, doors, truth);
        _events = [.. model.Connectors.OfType<AlarmConnector>().Select(alarm => new AlarmZoneBehaviour(deviceId, alarm))];
        _sensorBuses = [.. model.Connectors.OfType<SensorConnector>().Select(c => new SensorBusBehaviour(deviceId, c, random))];
        Topics = [.. model.Components.Select(c => new ComponentTopic(c, ComponentTopics.For(deviceId, c)))];
    }

    public string DeviceId { get; }

    public DeviceModel Model { get; }

    /// <summary>Every component of the device with the topic it publishes to.</summary>
    public IReadOnlyList<ComponentTopic> Topics { get; }

    /// <summary>The <c>device_parameters</c> rows that decode this device's messages.</summary>
    public IReadOnlyList<DeviceParameter> Parameters => Model.ParametersFor(DeviceId);

    /// <summary>The device's next message: the door step due, stamped with its planned time, else one stamped <paramref name="now"/> (each at least 1 µs after the previous one).</summary>
    public SimulatedMessage Next(DateTime now)
    {
        if (_doors.TryNext(now, NextTimestamp, out SimulatedMessage step))
        {
            return step;
        }

        DateTime time = NextTimestamp(now);
        _steps++;
        bool poll = _sensorBuses.Length > 0 && (_events.Length == 0 || _steps % SensorPollEvery == 0);
        if (poll)
        {
            IConnectorBehaviour bus = _sensorBuses[_nextBus];
            _nextBus = (_nextBus + 1) % _sensorBuses.Length;
            return bus.Step(_random, time);
        }

        return _events.Length > 0 ? _events[_random.Next(_events.Length)].Step(_random, time) : _doors.Report(time);
    }

    /// <summary>The next device timestamp: <paramref name="now"/> to the microsecond, at least 1 µs after the last.</summary>
    public DateTime NextTimestamp(DateTime now)
    {
        var time = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
        _lastTime = time > _lastTime ? time : _lastTime.AddTicks(TimeSpan.TicksPerMicrosecond);
        return _lastTime;
    }
}

using F2.Protocol.Topics;
using F2.Simulator.Generation;
using F2.Simulator.Models;
using F2.Simulator.Payloads;

namespace F2.Simulator.Behaviour;

/// <summary>
/// One <c>alarm-mode</c> connector: a motion sensor detects presence (true), then clears (false). While the zone is
/// armed (a quarter of detections) the detection sets off a siren first: motion true → siren true → motion false →
/// siren false.
/// </summary>
internal sealed class AlarmZoneBehaviour(string deviceId, AlarmConnector connector) : IConnectorBehaviour
{
    private const double ArmedShare = 0.25;

    private readonly string[] _motionTopics =
        [.. connector.MotionSensors.Select(n => ComponentTopics.For(deviceId, connector, ComponentKind.MotionSensor, n))];

    private readonly string[] _sirenTopics =
        [.. connector.Sirens.Select(n => ComponentTopics.For(deviceId, connector, ComponentKind.Siren, n))];

    private State _state = State.Quiet;
    private int _motion;
    private int _siren;

    private enum State
    {
        Quiet,
        Detecting,
        Sounding,
        SirenOnly,
    }

    public SimulatedMessage Step(Random random, DateTime time)
    {
        switch (_state)
        {
            case State.Quiet:
                _motion = random.Next(_motionTopics.Length);
                _state = State.Detecting;
                return new(_motionTopics[_motion], DevicePayloads.Status(time, true));
            case State.Detecting when _sirenTopics.Length > 0 && random.NextDouble() < ArmedShare:
                _siren = random.Next(_sirenTopics.Length);
                _state = State.Sounding;
                return new(_sirenTopics[_siren], DevicePayloads.Status(time, true));
            case State.Detecting:
                _state = State.Quiet;
                return new(_motionTopics[_motion], DevicePayloads.Status(time, false));
            case State.Sounding:
                _state = State.SirenOnly;
                return new(_motionTopics[_motion], DevicePayloads.Status(time, false));
            default:
                _state = State.Quiet;
                return new(_sirenTopics[_siren], DevicePayloads.Status(time, false));
        }
    }
}

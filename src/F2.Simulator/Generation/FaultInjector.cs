using F2.Protocol;
using F2.Protocol.Topics;
using F2.Simulator.Behaviour;
using F2.Simulator.Models;
using F2.Simulator.Payloads;

namespace F2.Simulator.Generation;

/// <summary>
/// Makes deliberately bad messages, for testing the dead-letter path: a bad topic (connector <c>J5</c>:
/// <c>topic_invalid</c>), bad JSON (a truncated payload: <c>payload_not_json</c>) or a bad value (<c>"status": "maybe"</c>,
/// a pin <c>"ajar"</c>, reader data that is a number, hex <c>0xZZ</c>: <c>value_invalid</c>), in equal shares.
/// </summary>
internal sealed class FaultInjector(double fraction, Random random)
{
    public bool ShouldInject() => fraction > 0 && random.NextDouble() < fraction;

    public SimulatedMessage Create(SimulatedDevice device, DateTime now)
    {
        DateTime time = device.NextTimestamp(now);
        ComponentTopic target = device.Topics[random.Next(device.Topics.Count)];
        Component component = target.Component;
        return random.Next(3) switch
        {
            0 => new(
                $"cmnd/{device.DeviceId}/{component.Mode}/J5/{component.TopicToken}",
                DevicePayloads.Status(time, true),
                RejectReason.TopicInvalid),
            1 => new(target.Topic, DevicePayloads.Status(time, true)[..^1], RejectReason.PayloadNotJson),
            _ => new(target.Topic, BadValue(component, time), RejectReason.ValueInvalid),
        };
    }

    private static byte[] BadValue(Component component, DateTime time)
    {
        var writer = new PayloadWriter(stackalloc byte[256], time);
        switch (component.Kind)
        {
            case ComponentKind.DoorSensors:
                writer.String($"door-sensor-{component.Pins[0]}", "ajar");
                break;
            case ComponentKind.ExitButtons:
                writer.String($"exit-button-{component.Pins[0]}", "ajar");
                break;
            case ComponentKind.QrNfcReader:
                writer.Number("data", 42);
                break;
            case ComponentKind.Rs485Sensor:
                writer.String("data", "0xZZ");
                break;
            default:
                writer.String("status", "maybe");
                break;
        }

        return writer.ToArray();
    }
}

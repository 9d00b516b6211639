using F2.Protocol.Topics;
using F2.Simulator.Generation;
using F2.Simulator.Models;
using F2.Simulator.Payloads;

namespace F2.Simulator.Behaviour;

/// <summary>
/// One <c>sensor-mode</c> connector: the controller polls its RS-485 sensors in turn, and each poll publishes one
/// reading. Each signal is a slow random walk inside the sensor's range.
/// </summary>
internal sealed class SensorBusBehaviour : IConnectorBehaviour
{
    private const double StepShareOfRange = 0.02;

    private readonly Sensor[] _sensors;
    private int _next;

    public SensorBusBehaviour(string deviceId, SensorConnector connector, Random random)
    {
        _sensors = [.. connector.Sensors.Select(spec => new Sensor(
            spec,
            ComponentTopics.For(deviceId, connector, ComponentKind.Rs485Sensor, spec.Number),
            spec.Min + ((spec.Max - spec.Min) * random.NextDouble())))];
    }

    public SimulatedMessage Step(Random random, DateTime time)
    {
        Sensor sensor = _sensors[_next];
        _next = (_next + 1) % _sensors.Length;
        SensorSpec spec = sensor.Spec;
        double value = sensor.Value + ((random.NextDouble() - 0.5) * 2 * StepShareOfRange * (spec.Max - spec.Min));
        sensor.Value = value > spec.Max ? (2 * spec.Max) - value : value < spec.Min ? (2 * spec.Min) - value : value;
        return new(sensor.Topic, DevicePayloads.Data(time, SensorEncoding.Encode(spec, sensor.Value)));
    }

    private sealed class Sensor(SensorSpec spec, string topic, double value)
    {
        public SensorSpec Spec { get; } = spec;

        public string Topic { get; } = topic;

        public double Value { get; set; } = value;
    }
}

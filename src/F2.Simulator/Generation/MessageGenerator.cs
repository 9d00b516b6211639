using F2.Simulator.Behaviour;

namespace F2.Simulator.Generation;

/// <summary>
/// The run's message sequence: devices take turns (round-robin, so each gets the same share of the rate), and each
/// turn yields that device's next message, or (at the configured fraction) a deliberately bad one. With the same
/// options and clock the sequence is the same, message for message.
/// </summary>
internal sealed class MessageGenerator(IReadOnlyList<SimulatedDevice> devices, FaultInjector faults, TimeProvider clock)
{
    private const int FaultStream = 3;

    private int _next;

    public IReadOnlyList<SimulatedDevice> Devices => devices;

    /// <summary>The run's generator; the door anomalies it injects go to <paramref name="truth"/> (default: nowhere).</summary>
    public static MessageGenerator Create(SimulatorOptions options, TimeProvider clock, IGroundTruth? truth = null) => new(
        DeviceFleet.Create(options.Devices, options.Models, options.Seed, options.Doors, truth ?? GroundTruth.None),
        new FaultInjector(options.FaultFraction, Seeds.Random(options.Seed, FaultStream, 0)),
        clock);

    public SimulatedMessage Next()
    {
        SimulatedDevice device = devices[_next];
        _next = _next + 1 == devices.Count ? 0 : _next + 1;
        DateTime now = clock.GetUtcNow().UtcDateTime;
        return faults.ShouldInject() ? faults.Create(device, now) : device.Next(now);
    }
}

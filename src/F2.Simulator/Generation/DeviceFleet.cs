using F2.Simulator.Behaviour;

namespace F2.Simulator.Generation;

/// <summary>Creates the simulated devices of a run: same count, mix and seed give the same devices.</summary>
internal static class DeviceFleet
{
    private const int BehaviourStream = 2;

    public static IReadOnlyList<SimulatedDevice> Create(
        int devices, IReadOnlyDictionary<string, double> mix, int seed, DoorTrafficOptions doors, IGroundTruth truth)
    {
        var models = ModelMix.Assign(devices, mix);
        return [.. models.Select((model, index) =>
            new SimulatedDevice(MacAddresses.DeviceId(seed, index), model, Seeds.Random(seed, BehaviourStream, index), doors, truth))];
    }
}

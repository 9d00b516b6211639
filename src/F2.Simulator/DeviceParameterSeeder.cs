using F2.Simulator.Behaviour;

namespace F2.Simulator;

internal sealed class DeviceParameterSeeder
{
    public Task<bool> TryWriteAsync(IReadOnlyList<SimulatedDevice> devices, CancellationToken cancellationToken) =>
        throw new NotImplementedException($"{devices.Count} {cancellationToken}");
}

using F2.Integrations.DeviceParameters;
using F2.Protocol;

namespace F2.Tests.Decoder;

/// <summary>Device parameters the test loads when it chooses; until then <see cref="Current"/> is empty.</summary>
internal sealed class FixedParameterSource : IDeviceParameterSource
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ParameterSet _current = ParameterSet.Empty;

    public ParameterSet Current => _current;

    public Task WaitUntilLoadedAsync(CancellationToken cancellationToken) => _loaded.Task.WaitAsync(cancellationToken);

    public void Load(IEnumerable<DeviceParameter> rows)
    {
        _current = ParameterSet.Create(rows);
        _loaded.TrySetResult();
    }
}

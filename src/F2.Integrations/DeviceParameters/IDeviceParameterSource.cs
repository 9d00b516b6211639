using F2.Protocol;

namespace F2.Integrations.DeviceParameters;

/// <summary>The current device parameters, kept in memory and refreshed from <c>devicedb</c>.</summary>
public interface IDeviceParameterSource
{
    /// <summary>The latest complete set; never a half-loaded one.</summary>
    ParameterSet Current { get; }

    /// <summary>Completes once a load from the database has succeeded and found at least one row.</summary>
    Task WaitUntilLoadedAsync(CancellationToken cancellationToken);
}

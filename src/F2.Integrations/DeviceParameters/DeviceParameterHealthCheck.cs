using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace F2.Integrations.DeviceParameters;

/// <summary>Unhealthy until the first load; degraded while refreshes fail (the last loaded set stays in use).</summary>
internal sealed class DeviceParameterHealthCheck(DeviceParameterCache cache) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        DeviceParameterCache.Snapshot state = cache.State;
        HealthCheckResult result = state switch
        {
            { RefreshedAt: null } => HealthCheckResult.Unhealthy($"device parameters not loaded yet: {state.Problem}"),
            { Problem: not null } => HealthCheckResult.Degraded(
                $"device parameters loaded, {state.Rows.Count} rows, last refresh at {state.RefreshedAt:O}; devicedb unavailable: {state.Problem}"),
            _ => HealthCheckResult.Healthy($"device parameters loaded, {state.Rows.Count} rows, last refresh at {state.RefreshedAt:O}"),
        };
        return Task.FromResult(result);
    }
}

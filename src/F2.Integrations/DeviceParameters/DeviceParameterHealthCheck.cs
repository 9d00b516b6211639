using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace F2.Integrations.DeviceParameters;

/// <summary>
/// Unhealthy until a load finds at least one row; degraded while refreshes fail (the last loaded set stays in use).
/// </summary>
internal sealed class DeviceParameterHealthCheck(DeviceParameterCache cache) : IHealthCheck
{
    /// <summary>What an operator reads (health and log) while the table is empty.</summary>
    public const string EmptyAdvice =
        "no device parameters, so raw_iot_data is not consumed; load them with `dotnet run --project src/F2.Decoder -- params load <file.csv>` (docs/OPERATIONS.md, Everyday commands); consuming starts within seconds, no restart needed";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        DeviceParameterCache.Snapshot state = cache.State;
        HealthCheckResult result = state switch
        {
            { RefreshedAt: null } => HealthCheckResult.Unhealthy($"device parameters not loaded yet: {state.Problem}"),
            { Rows.Count: 0 } => HealthCheckResult.Unhealthy($"device_parameters is empty: {EmptyAdvice}"),
            { Problem: not null } => HealthCheckResult.Degraded(
                $"device parameters loaded, {state.Rows.Count} rows, last refresh at {state.RefreshedAt:O}; devicedb unavailable: {state.Problem}"),
            _ => HealthCheckResult.Healthy($"device parameters loaded, {state.Rows.Count} rows, last refresh at {state.RefreshedAt:O}"),
        };
        return Task.FromResult(result);
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace F2.Doors;

/// <summary>What the door stage is doing, for its health check: starting, running, waiting out an outage, or failed.</summary>
internal sealed class DoorsHealth : IHealthCheck
{
    private volatile State _current = new(HealthStatus.Unhealthy, "starting: door schema not applied yet");

    public void Running() => _current = new(HealthStatus.Healthy, "consuming decoded_iot_data and writing door_events");

    public void Starting(string problem) => _current = new(HealthStatus.Unhealthy, $"starting: door schema not applied yet: {problem}");

    public void Outage(string problem, int attempts)
        => _current = new(HealthStatus.Degraded, $"writes failing ({attempts} attempts), consumption paused: {problem}");

    public void Failed(string problem) => _current = new(HealthStatus.Unhealthy, $"stopped: {problem}");

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        State state = _current;
        return Task.FromResult(new HealthCheckResult(state.Status, state.Description));
    }

    private sealed record State(HealthStatus Status, string Description);
}

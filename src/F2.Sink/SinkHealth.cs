using F2.Integrations.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace F2.Sink;

/// <summary>
/// What the sink is doing, for its health check: starting, running, waiting out an outage, or failed; while running,
/// also what <see cref="ConsumerGroupHealth"/> says (commits failing for long: Unhealthy; no partition: Degraded),
/// the worse of the two.
/// </summary>
internal sealed class SinkHealth(ConsumerGroupHealth group) : IHealthCheck
{
    private volatile State _current = new(HealthStatus.Unhealthy, "starting: telemetry schema not applied yet");

    public void Running() => _current = new(HealthStatus.Healthy, "consuming decoded_iot_data and writing iot_measurements");

    public void Starting(string problem) => _current = new(HealthStatus.Unhealthy, $"starting: telemetry schema not applied yet: {problem}");

    public void Outage(string problem, int attempts)
        => _current = new(HealthStatus.Degraded, $"writes failing ({attempts} attempts), consumption paused: {problem}");

    public void Failed(string problem) => _current = new(HealthStatus.Unhealthy, $"stopped: {problem}");

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        State state = _current;
        if (state.Status != HealthStatus.Unhealthy && group.Check() is { } groupResult && groupResult.Status < state.Status)
        {
            return Task.FromResult(groupResult);
        }

        return Task.FromResult(new HealthCheckResult(state.Status, state.Description));
    }

    private sealed record State(HealthStatus Status, string Description);
}

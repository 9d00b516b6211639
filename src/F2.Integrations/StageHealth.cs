using F2.Integrations.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace F2.Integrations;

/// <summary>
/// What a consuming stage is doing, for its health check: starting (until its schema is applied), running, waiting
/// out an outage, or failed; while not failed, also what <see cref="ConsumerGroupHealth"/> says when the stage passes
/// one (commits failing for long: Unhealthy; no partition: Degraded), the worse of the two.
/// </summary>
/// <param name="schema">What is applied at start, as the health description names it (e.g. "telemetry schema").</param>
/// <param name="work">What the stage does while running (e.g. "consuming decoded_iot_data and writing iot_measurements").</param>
/// <param name="group">The stage's consumer-group health, or null to report the stage's own state alone.</param>
public abstract class StageHealth(string schema, string work, ConsumerGroupHealth? group = null) : IHealthCheck
{
    private volatile State _current = new(HealthStatus.Unhealthy, $"starting: {schema} not applied yet");

    public void Running() => _current = new(HealthStatus.Healthy, work);

    public void Starting(string problem) => _current = new(HealthStatus.Unhealthy, $"starting: {schema} not applied yet: {problem}");

    public void Outage(string problem, int attempts)
        => _current = new(HealthStatus.Degraded, $"writes failing ({attempts} attempts), consumption paused: {problem}");

    public void Failed(string problem) => _current = new(HealthStatus.Unhealthy, $"stopped: {problem}");

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        State state = _current;
        if (state.Status != HealthStatus.Unhealthy && group?.Check() is { } groupResult && groupResult.Status < state.Status)
        {
            return Task.FromResult(groupResult);
        }

        return Task.FromResult(new HealthCheckResult(state.Status, state.Description));
    }

    private sealed record State(HealthStatus Status, string Description);
}

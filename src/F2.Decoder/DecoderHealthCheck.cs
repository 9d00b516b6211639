using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace F2.Decoder;

/// <summary>Unhealthy until the device parameters have loaded; degraded while Kafka fails to acknowledge output.</summary>
internal sealed class DecoderHealthCheck(DecoderStatus status, OffsetTracker tracker) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["pending"] = tracker.Pending };
        var result = status switch
        {
            { ParametersLoaded: false } => HealthCheckResult.Unhealthy("Waiting for the device parameters to load.", data: data),
            { ProduceFailing: true } => HealthCheckResult.Degraded("Kafka is not acknowledging output; the Decoder retries.", data: data),
            _ => HealthCheckResult.Healthy("Consuming.", data),
        };
        return Task.FromResult(result);
    }
}

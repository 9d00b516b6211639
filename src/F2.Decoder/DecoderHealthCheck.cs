using F2.Integrations.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace F2.Decoder;

/// <summary>
/// Unhealthy until the device parameters have loaded with at least one row (the device-parameters check says why), and
/// while offset commits keep failing; Degraded while any record is stuck (its output refused and retried), and while
/// it holds no partition (<see cref="ConsumerGroupHealth"/>).
/// </summary>
internal sealed class DecoderHealthCheck(DecoderStatus status, OffsetTracker tracker, ConsumerGroupHealth group) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["pending"] = tracker.Pending, ["stuck"] = status.StuckRecords };
        HealthCheckResult? groupResult = group.Check();
        var result = status switch
        {
            { ParametersLoaded: false } => HealthCheckResult.Unhealthy("Not consuming raw_iot_data: waiting for device_parameters to load with at least one row.", data: data),
            _ when groupResult is { Status: HealthStatus.Unhealthy } => Described(groupResult.Value, data),
            { StuckRecords: > 0 and int stuck } => HealthCheckResult.Degraded(
                $"{stuck} records are stuck: Kafka refused their output and they are retried; their partitions' offsets stay uncommitted until then", data: data),
            _ when groupResult is { } degraded => Described(degraded, data),
            _ => HealthCheckResult.Healthy("Consuming.", data),
        };
        return Task.FromResult(result);
    }

    private static HealthCheckResult Described(HealthCheckResult result, Dictionary<string, object> data)
        => new(result.Status, result.Description, data: data);
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace F2.Ingest;

/// <summary>
/// Healthy while connected to the broker and forwarding; degraded while Kafka fails to acknowledge (Ingest retries);
/// unhealthy when disconnected or when messages have waited longer than <see cref="IngestOptions.StallTimeout"/>.
/// </summary>
internal sealed class IngestHealthCheck(IngestStatus status, IOptions<IngestOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["mqtt_connected"] = status.MqttConnected,
            ["kafka_failing"] = status.KafkaFailing,
            ["in_flight"] = status.InFlight,
        };
        var result = status switch
        {
            { MqttConnected: false } => HealthCheckResult.Unhealthy("Not connected to the MQTT broker.", data: data),
            _ when status.Stalled > options.Value.StallTimeout => HealthCheckResult.Unhealthy(
                $"No message forwarded for {status.Stalled:c} while {status.InFlight} wait: Kafka is not acknowledging.", data: data),
            { KafkaFailing: true } => HealthCheckResult.Degraded("Kafka is not acknowledging records; Ingest retries.", data: data),
            _ => HealthCheckResult.Healthy("Connected and forwarding.", data),
        };
        return Task.FromResult(result);
    }
}

using F2.Integrations.Kafka;
using F2.Protocol;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace F2.DevKafka;

/// <summary>
/// Healthy when the stand-in runs, its forwarder (if any) listens, and a metadata request through the public
/// bootstrap address finds the pipeline topics. Says plainly what it is: not Kafka.
/// </summary>
public sealed class DevKafkaHealthCheck(DevKafkaStandIn standIn, ILoggerFactory loggerFactory) : IHealthCheck
{
    public const string What =
        "development Kafka stand-in (librdkafka mock cluster), not Kafka; data is in memory and lost on stop";

    private static readonly KafkaOptions ProbeOptions = new() { HealthCheckTimeout = TimeSpan.FromSeconds(2) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (standIn.BootstrapServers is not { } bootstrap)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The {What} is not running.");
        }

        if (standIn.Forwarder is { IsListening: false } forwarder)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"The {What}: its bootstrap forwarder on {forwarder.ListenEndPoint} stopped listening.");
        }

        // A client per check: one kept alive would outlive the stand-in at shutdown and log "all brokers down".
        using var probe = new KafkaHealthCheck(new KafkaClientFactory(bootstrap, ProbeOptions, loggerFactory), KafkaTopics.All);
        HealthCheckResult probed = await probe.CheckHealthAsync(context, cancellationToken).ConfigureAwait(false);
        return new HealthCheckResult(probed.Status, $"{What}; bootstrap {bootstrap}: {probed.Description}", probed.Exception);
    }
}

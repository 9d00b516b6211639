using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace F2.Integrations.Kafka;

/// <summary>
/// Healthy when a broker answers a metadata request within <see cref="KafkaOptions.HealthCheckTimeout"/> and
/// every required topic exists. Works against the development Kafka stand-in too.
/// </summary>
public sealed class KafkaHealthCheck : IHealthCheck, IDisposable
{
    private readonly Lazy<IAdminClient> _admin;
    private readonly TimeSpan _timeout;
    private readonly IReadOnlyList<string> _requiredTopics;

    public KafkaHealthCheck(KafkaClientFactory factory, IReadOnlyList<string> requiredTopics)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _admin = new Lazy<IAdminClient>(() => factory.CreateAdminClientBuilder("f2-health").Build());
        _timeout = factory.Options.HealthCheckTimeout;
        _requiredTopics = requiredTopics;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Metadata metadata;
        try
        {
            // GetMetadata blocks for up to the timeout; keep it off the caller's thread.
            metadata = await Task.Run(() => _admin.Value.GetMetadata(_timeout), cancellationToken).ConfigureAwait(false);
        }
        catch (KafkaException e)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"No Kafka broker answered a metadata request within {_timeout.TotalSeconds:0.#} s: {e.Error.Reason}");
        }

        foreach (string topic in _requiredTopics)
        {
            if (!HasTopic(metadata, topic))
            {
                return new HealthCheckResult(context.Registration.FailureStatus, $"Kafka topic {topic} does not exist.");
            }
        }

        return HealthCheckResult.Healthy($"{metadata.Brokers.Count} Kafka broker(s) answered metadata.");
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }

    private static bool HasTopic(Metadata metadata, string topic)
    {
        foreach (TopicMetadata candidate in metadata.Topics)
        {
            if (candidate.Topic == topic && !candidate.Error.IsError)
            {
                return true;
            }
        }

        return false;
    }
}

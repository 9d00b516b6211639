using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace F2.Integrations.Kafka;

/// <summary>
/// What a consumer's health check says about its group membership and its commits. Commits that have failed without
/// a success for <see cref="KafkaOptions.ConsumerCommitFailureWindow"/> make it Unhealthy (records are processed but
/// the group's position does not move, so a restart would redo them all). Holding no partition for longer than twice
/// <see cref="KafkaOptions.ConsumerSessionTimeout"/> (a rebalance takes at most about that long) while the topic has
/// partitions makes it Degraded: the other members hold them all (an idle extra replica) or the group is stuck.
/// Written by the consume thread, read by the health check.
/// </summary>
public sealed class ConsumerGroupHealth(IOptions<KafkaOptions> options)
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(1);

    private readonly TimeSpan _commitWindow = options.Value.ConsumerCommitFailureWindow;
    private readonly TimeSpan _idleLimit = options.Value.ConsumerSessionTimeout * 2;
    private volatile Membership _membership = new("", 0, 0, Stopwatch.GetTimestamp());
    private volatile CommitFailure? _commitFailure;

    /// <summary>A commit Kafka accepted: ends a run of failures.</summary>
    public void CommitSucceeded() => _commitFailure = null;

    /// <summary>A commit Kafka refused; the run of failures starts at the first one.</summary>
    public void CommitFailed(string reason)
        => _commitFailure = new CommitFailure(_commitFailure?.Since ?? Stopwatch.GetTimestamp(), reason);

    /// <summary>
    /// Records the consumer's assignment of <paramref name="topic"/> (consume thread, about once a second); while it
    /// holds none, asks the cluster how many partitions the topic has.
    /// </summary>
    public void Observe<TKey, TValue>(IConsumer<TKey, TValue> consumer, string topic)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        int assigned = consumer.Assignment.Count(partition => partition.Topic == topic);
        Observe(topic, assigned, assigned > 0 ? _membership.TopicPartitions : PartitionCount(consumer, topic));
    }

    private void Observe(string topic, int assigned, int topicPartitions)
    {
        Membership previous = _membership;
        long idleSince = assigned == 0 && previous.Assigned == 0 ? previous.IdleSince : Stopwatch.GetTimestamp();
        _membership = new Membership(topic, assigned, topicPartitions, idleSince);
    }

    /// <summary>Unhealthy or Degraded with the reason, or null when the group side is fine.</summary>
    public HealthCheckResult? Check()
    {
        if (_commitFailure is { } failure && Stopwatch.GetElapsedTime(failure.Since) is var failing && failing >= _commitWindow)
        {
            return HealthCheckResult.Unhealthy(
                $"offset commits have failed for {failing.TotalSeconds:0} s without a success ({failure.Reason}); records are processed but the group's position does not move");
        }

        Membership membership = _membership;
        if (membership is { Assigned: 0, TopicPartitions: > 0 } && Stopwatch.GetElapsedTime(membership.IdleSince) is var idle && idle > _idleLimit)
        {
            return HealthCheckResult.Degraded(
                $"idle: holds no partition of {membership.Topic} for {idle.TotalSeconds:0} s while it has {membership.TopicPartitions}; the group's other members hold them all (an extra replica: more replicas than partitions) or its rebalance does not complete");
        }

        return null;
    }

    private static int PartitionCount(IClient client, string topic)
    {
        try
        {
            using IAdminClient admin = new DependentAdminClientBuilder(client.Handle).Build();
            return admin.GetMetadata(topic, MetadataTimeout).Topics.FirstOrDefault(found => found.Error.Code == ErrorCode.NoError)?.Partitions.Count ?? 0;
        }
        catch (KafkaException)
        {
            return 0; // Unknown: not reported as idle.
        }
    }

    private sealed record Membership(string Topic, int Assigned, int TopicPartitions, long IdleSince);

    private sealed record CommitFailure(long Since, string Reason);
}

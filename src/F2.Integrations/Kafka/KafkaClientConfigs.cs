using Confluent.Kafka;

namespace F2.Integrations.Kafka;

/// <summary>F2's Kafka client configurations: fixed choices plus the knobs of <see cref="KafkaOptions"/>.</summary>
public static class KafkaClientConfigs
{
    /// <summary>
    /// Idempotent producer with <c>acks=all</c>: no duplicates or reordering from its own retries, and a record
    /// counts as delivered only once every in-sync replica has it. Keys are partitioned like the Java client does
    /// (murmur2), so one device's records stay in order on one partition whichever client wrote them.
    /// Delivery reports carry only the outcome (<c>dotnet.producer.delivery.report.fields=status</c>): F2 reads their
    /// error, never the record's headers or timestamp, which the client would otherwise copy back for every record.
    /// </summary>
    public static ProducerConfig CreateProducerConfig(string bootstrapServers, KafkaOptions options, string clientId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        ArgumentNullException.ThrowIfNull(options);
        return KafkaClientProperties.Apply(options, new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = clientId,
            EnableIdempotence = true,
            Acks = Acks.All,
            MaxInFlight = 5,
            Partitioner = Partitioner.Murmur2Random,
            LingerMs = options.ProducerLinger.TotalMilliseconds,
            BatchSize = options.ProducerBatchBytes,
            MessageTimeoutMs = checked((int)options.ProducerMessageTimeout.TotalMilliseconds),
            QueueBufferingMaxMessages = options.ProducerQueueMessages,
            CompressionType = options.ProducerCompression,
            DeliveryReportFields = "status",
        });
    }

    /// <summary>
    /// Consumer that commits only what the application says is done: no auto-commit, no automatic offset store.
    /// A new group starts at the earliest record; partitions move between members with cooperative-sticky
    /// assignment (no stop-the-world rebalance), statically when <see cref="KafkaOptions.ConsumerGroupInstanceId"/> is
    /// set; topics are never created by a consumer. It fetches ahead at most
    /// <see cref="KafkaOptions.ConsumerPrefetchKilobytes"/>, and a fetch that finds nothing waits at most
    /// <see cref="KafkaOptions.ConsumerFetchWait"/>.
    /// </summary>
    public static ConsumerConfig CreateConsumerConfig(
        string bootstrapServers, KafkaOptions options, string groupId, string clientId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        return KafkaClientProperties.Apply(options, new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = clientId,
            GroupId = groupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            EnablePartitionEof = false,
            AllowAutoCreateTopics = false,
            IsolationLevel = IsolationLevel.ReadCommitted,
            GroupInstanceId = string.IsNullOrEmpty(options.ConsumerGroupInstanceId) ? null : options.ConsumerGroupInstanceId,
            SessionTimeoutMs = checked((int)options.ConsumerSessionTimeout.TotalMilliseconds),
            HeartbeatIntervalMs = checked((int)(options.ConsumerSessionTimeout.TotalMilliseconds / 3)),
            MaxPollIntervalMs = checked((int)options.ConsumerMaxPollInterval.TotalMilliseconds),
            QueuedMaxMessagesKbytes = options.ConsumerPrefetchKilobytes,
            FetchWaitMaxMs = checked((int)options.ConsumerFetchWait.TotalMilliseconds),
        });
    }
}

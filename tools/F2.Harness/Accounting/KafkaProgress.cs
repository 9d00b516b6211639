using Confluent.Kafka;

namespace F2.Harness.Accounting;

/// <summary>How far a consumer group has committed through a topic, read as an outsider (no group membership).</summary>
public sealed class KafkaProgress(string bootstrapServers) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, IConsumer<Ignore, Ignore>> _groups = [];

    /// <summary>Records in <paramref name="topic"/> past the group's committed offsets (all of it when nothing is committed).</summary>
    public long Lag(string groupId, string topic)
    {
        IConsumer<Ignore, Ignore> consumer = ConsumerOf(groupId);
        List<TopicPartition> partitions = PartitionsOf(consumer.Handle, topic, Timeout);
        List<TopicPartitionOffset> committed = consumer.Committed(partitions, Timeout);
        long lag = 0;
        foreach (TopicPartitionOffset offset in committed)
        {
            WatermarkOffsets watermarks = consumer.QueryWatermarkOffsets(offset.TopicPartition, Timeout);
            long from = offset.Offset.Value >= 0 ? offset.Offset.Value : watermarks.Low.Value;
            lag += Math.Max(0, watermarks.High.Value - from);
        }

        return lag;
    }

    /// <summary>Records ever written to <paramref name="topic"/> (sum of high watermarks).</summary>
    public long End(string topic)
    {
        IConsumer<Ignore, Ignore> consumer = ConsumerOf("f2-harness-watermarks");
        return PartitionsOf(consumer.Handle, topic, Timeout)
            .Sum(partition => consumer.QueryWatermarkOffsets(partition, Timeout).High.Value);
    }

    public static List<TopicPartition> PartitionsOf(Handle handle, string topic, TimeSpan timeout)
    {
        using IAdminClient admin = new DependentAdminClientBuilder(handle).Build();
        TopicMetadata metadata = admin.GetMetadata(topic, timeout).Topics.Single();
        if (metadata.Error.IsError)
        {
            throw new KafkaException(metadata.Error);
        }

        return [.. metadata.Partitions.Select(partition => new TopicPartition(topic, partition.PartitionId))];
    }

    public void Dispose()
    {
        foreach (IConsumer<Ignore, Ignore> consumer in _groups.Values)
        {
            consumer.Dispose();
        }
    }

    private IConsumer<Ignore, Ignore> ConsumerOf(string groupId)
    {
        if (!_groups.TryGetValue(groupId, out IConsumer<Ignore, Ignore>? consumer))
        {
            consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                GroupId = groupId, // only to read its committed offsets; this consumer never joins
                EnableAutoCommit = false,
            }).Build();
            _groups[groupId] = consumer;
        }

        return consumer;
    }
}

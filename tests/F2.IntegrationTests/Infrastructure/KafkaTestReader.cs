using Confluent.Kafka;

namespace F2.Tests.Infrastructure;

/// <summary>Reads a topic from the beginning without joining a consumer group (manual assignment of every partition).</summary>
public static class KafkaTestReader
{
    /// <summary>
    /// Reads records from offset 0 of every partition until <paramref name="count"/> have arrived or
    /// <paramref name="timeout"/> has passed, and returns what arrived (order: per partition, as consumed).
    /// Keys and header values are as written; a null key stays null.
    /// </summary>
    public static Task<IReadOnlyList<ConsumeResult<string?, byte[]>>> ReadAsync(
        string bootstrapServers, string topic, int count, TimeSpan timeout) =>
        Task.Factory.StartNew(
            () => Read(bootstrapServers, topic, count, timeout),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    private static IReadOnlyList<ConsumeResult<string?, byte[]>> Read(
        string bootstrapServers, string topic, int count, TimeSpan timeout)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "f2-test-reader-" + Guid.NewGuid().ToString("N"), // required by the client, never joined
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = false,
        };
        using IConsumer<string?, byte[]> consumer = new ConsumerBuilder<string?, byte[]>(config)
            .SetKeyDeserializer(Deserializers.Utf8)
            .SetValueDeserializer(Deserializers.ByteArray)
            .Build();
        var deadline = DateTime.UtcNow + timeout;
        consumer.Assign(PartitionsOf(consumer, topic, timeout)
            .Select(partition => new TopicPartitionOffset(topic, partition, Offset.Beginning)));

        var records = new List<ConsumeResult<string?, byte[]>>(count);
        while (records.Count < count && DateTime.UtcNow < deadline)
        {
            ConsumeResult<string?, byte[]>? record = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (record is not null)
            {
                records.Add(record);
            }
        }

        consumer.Close();
        return records;
    }

    private static IEnumerable<Partition> PartitionsOf(IConsumer<string?, byte[]> consumer, string topic, TimeSpan timeout)
    {
        using IAdminClient admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        TopicMetadata metadata = admin.GetMetadata(topic, timeout).Topics.Single();
        if (metadata.Error.IsError)
        {
            throw new KafkaException(metadata.Error);
        }

        return metadata.Partitions.Select(partition => new Partition(partition.PartitionId)).ToList();
    }
}

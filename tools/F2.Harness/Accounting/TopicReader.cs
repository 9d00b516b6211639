using Confluent.Kafka;

namespace F2.Harness.Accounting;

/// <summary>Reads a whole topic (every partition, from its first record to its end as it is now) without a consumer group.</summary>
public static class TopicReader
{
    public static Task<IReadOnlyList<ConsumeResult<byte[]?, byte[]?>>> ReadAllAsync(string bootstrapServers, string topic, TimeSpan timeout)
        => Task.Factory.StartNew(
            () => ReadAll(bootstrapServers, topic, timeout),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    private static IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> ReadAll(string bootstrapServers, string topic, TimeSpan timeout)
    {
        using IConsumer<byte[]?, byte[]?> consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "f2-harness-reader-" + Guid.NewGuid().ToString("N"), // required by the client, never joined
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = false,
        }).Build();
        var ends = new Dictionary<TopicPartition, long>();
        foreach (TopicPartition partition in KafkaProgress.PartitionsOf(consumer.Handle, topic, timeout))
        {
            WatermarkOffsets watermarks = consumer.QueryWatermarkOffsets(partition, timeout);
            if (watermarks.High.Value > watermarks.Low.Value)
            {
                ends[partition] = watermarks.High.Value;
            }
        }

        consumer.Assign(ends.Keys.Select(partition => new TopicPartitionOffset(partition, Offset.Beginning)));
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        DateTime deadline = DateTime.UtcNow + timeout;
        while (ends.Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Reading {topic} did not reach the end of {ends.Count} partition(s) within {timeout}.");
            }

            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } record)
            {
                continue;
            }

            if (record.Offset.Value < ends.GetValueOrDefault(record.TopicPartition))
            {
                records.Add(record);
            }

            if (record.Offset.Value + 1 >= ends.GetValueOrDefault(record.TopicPartition))
            {
                ends.Remove(record.TopicPartition);
            }
        }

        consumer.Close();
        return records;
    }
}

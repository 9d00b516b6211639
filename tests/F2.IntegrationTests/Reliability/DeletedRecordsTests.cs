using Confluent.Kafka;
using F2.DevKafka;
using F2.Integrations.Kafka;

namespace F2.Tests.Reliability;

/// <summary>
/// The development Kafka stand-in keeps at most 5 MiB per partition and drops the oldest records beyond that; a group
/// whose committed offset was dropped is moved on by <c>auto.offset.reset=earliest</c> without an error. These tests
/// show that <see cref="ConsumedOffsetGaps"/>, wired as the services wire it, notices.
/// </summary>
public sealed class DeletedRecordsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private const string Topic = "gaps";
    private const string Group = "f2-gap-test";

    private readonly MockKafkaCluster _kafka = MockKafkaCluster.Start();

    public DeletedRecordsTests()
    {
        _kafka.CreateTopic(Topic, partitions: 1);
        _kafka.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
    }

    [Fact]
    public async Task AGroupWhoseCommittedRecordsWereDeletedIsToldHowManyItMissed()
    {
        await ProduceAsync(count: 1, bytes: 100);
        CommitGroupOffset(1);
        await ProduceAsync(count: 16, bytes: 500_000); // 8 MB: the stand-in keeps 5 MiB of it

        (long firstOffset, long skipped) = await Task.Run(ConsumeFirstRecord).WaitAsync(Timeout);

        Assert.True(firstOffset > 1, $"the stand-in kept every record (first offset {firstOffset}); the test needs it to drop some");
        Assert.Equal(firstOffset - 1, skipped);
    }

    [Fact]
    public async Task AGroupThatFindsItsCommittedRecordsReportsNoGap()
    {
        await ProduceAsync(count: 3, bytes: 100);
        CommitGroupOffset(1);

        (long firstOffset, long skipped) = await Task.Run(ConsumeFirstRecord).WaitAsync(Timeout);

        Assert.Equal(1, firstOffset);
        Assert.Equal(0, skipped);
    }

    public void Dispose() => _kafka.Dispose();

    private (long FirstOffset, long Skipped) ConsumeFirstRecord()
    {
        var gaps = new ConsumedOffsetGaps();
        var options = new KafkaOptions { ConsumerSessionTimeout = TimeSpan.FromSeconds(6) };
        using IConsumer<Ignore, byte[]> consumer = new ConsumerBuilder<Ignore, byte[]>(
                KafkaClientConfigs.CreateConsumerConfig(_kafka.BootstrapServers, options, Group, "gap-test"))
            .SetPartitionsAssignedHandler((consumer, partitions) => gaps.Assigned(consumer, partitions))
            .Build();
        consumer.Subscribe(Topic);
        DateTime deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } record)
            {
                long skipped = gaps.Consumed(record.TopicPartitionOffset);
                consumer.Close();
                return (record.Offset.Value, skipped);
            }
        }

        throw new TimeoutException("No record consumed.");
    }

    private void CommitGroupOffset(long offset)
    {
        using IConsumer<Ignore, Ignore> committer = new ConsumerBuilder<Ignore, Ignore>(
            new ConsumerConfig { BootstrapServers = _kafka.BootstrapServers, GroupId = Group, EnableAutoCommit = false }).Build();
        committer.Commit([new TopicPartitionOffset(Topic, 0, offset)]);
    }

    private async Task ProduceAsync(int count, int bytes)
    {
        using IProducer<Null, byte[]> producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig
        {
            BootstrapServers = _kafka.BootstrapServers,
            LingerMs = 0,
            BatchSize = 1_000_000,
        }).Build();
        for (int i = 0; i < count; i++)
        {
            byte[] value = new byte[bytes];
            Random.Shared.NextBytes(value);
            await producer.ProduceAsync(Topic, new Message<Null, byte[]> { Value = value }).WaitAsync(Timeout);
        }
    }
}

using System.Diagnostics;
using Confluent.Kafka;
using F2.Integrations.Kafka;
using F2.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace F2.Tests.Integrations;

[Collection(KafkaCollection.Name)]
public sealed class KafkaClientConfigTests(KafkaTestCluster kafka)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // A short session: when a group's last member leaves, the mock holds the next joiner for the session timeout - 1 s.
    private KafkaClientFactory Factory => new(kafka.BootstrapServers,
        new KafkaOptions { ConsumerSessionTimeout = TimeSpan.FromSeconds(2) }, NullLoggerFactory.Instance);

    [Fact]
    public async Task ACommittedGroupResumesAfterItsLastCommitAndNotBefore()
    {
        // Given 20 records on one partition
        string topic = kafka.CreateUniqueTopic("commit");
        using (IProducer<string, string> producer = Factory.CreateProducerBuilder<string, string>("test-producer").Build())
        {
            for (int i = 0; i < 20; i++)
            {
                DeliveryResult<string, string> delivered = await producer
                    .ProduceAsync(topic, new Message<string, string> { Key = "f2-0123456789ab", Value = $"r{i}" })
                    .WaitAsync(Timeout);
                Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
            }
        }

        // When a group member handles and commits the first ten, then leaves
        string group = "f2-test-" + Guid.NewGuid().ToString("N");
        List<ConsumeResult<string, string>> first = await ConsumeAsync(topic, group, 10, commit: true);

        // Then the next member of the group starts at the eleventh record
        List<ConsumeResult<string, string>> second = await ConsumeAsync(topic, group, 10, commit: false);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"r{i}"), first.Select(r => r.Message.Value));
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"r{i}"), second.Select(r => r.Message.Value));
    }

    [Fact]
    public async Task UncommittedRecordsAreDeliveredAgainToTheGroup()
    {
        string topic = kafka.CreateUniqueTopic("uncommitted");
        using (IProducer<string, string> producer = Factory.CreateProducerBuilder<string, string>("test-producer").Build())
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "only" }).WaitAsync(Timeout);
        }

        string group = "f2-test-" + Guid.NewGuid().ToString("N");
        List<ConsumeResult<string, string>> first = await ConsumeAsync(topic, group, 1, commit: false);
        List<ConsumeResult<string, string>> again = await ConsumeAsync(topic, group, 1, commit: false);

        Assert.Equal("only", Assert.Single(first).Message.Value);
        Assert.Equal("only", Assert.Single(again).Message.Value);
    }

    [Fact]
    public async Task AMemberKilledWithoutLeavingGetsItsPartitionsBackWithinTenSecondsOfTheKillWithTheDefaultSettings()
    {
        // Given a member of a group, with the product's default settings, that holds every partition of a topic
        string topic = kafka.CreateUniqueTopic("killed", partitions: 3);
        string group = "f2-test-" + Guid.NewGuid().ToString("N");
        var defaults = new KafkaClientFactory(kafka.BootstrapServers, new KafkaOptions(), NullLoggerFactory.Instance);
        IConsumer<string, string> killed = defaults.CreateConsumerBuilder<string, string>(group, "killed-consumer").Build();
        killed.Subscribe(topic);
        Assert.True(await ConsumeUntilAsync(killed, c => c.Assignment.Count == 3), "the first member got no assignment");

        // When it dies as under kill -9 (Dispose without Close sends no LeaveGroup) and its supervisor starts it again,
        // which takes a process start-up before the new member joins
        long killedAt = Stopwatch.GetTimestamp();
        killed.Dispose();
        await Task.Delay(RestartTime);
        using IConsumer<string, string> restarted = defaults.CreateConsumerBuilder<string, string>(group, "restarted-consumer").Build();
        restarted.Subscribe(topic);

        // Then the restarted member holds every partition within 10 s of the kill
        Assert.True(await ConsumeUntilAsync(restarted, c => c.Assignment.Count == 3), "the restarted member got no assignment");
        TimeSpan recovery = Stopwatch.GetElapsedTime(killedAt);
        restarted.Close();
        Assert.True(recovery <= TimeSpan.FromSeconds(10), $"partitions came back after {recovery.TotalSeconds:F1} s");
    }

    [Fact]
    public void ProducerAndConsumerConfigsCarryTheDeliveryChoices()
    {
        var options = new KafkaOptions { ProducerLinger = TimeSpan.FromMilliseconds(20), ConsumerPrefetchKilobytes = 4096, ConsumerFetchWait = TimeSpan.FromMilliseconds(30) };

        ProducerConfig producer = KafkaClientConfigs.CreateProducerConfig("b:9092", options, "p");
        ConsumerConfig consumer = KafkaClientConfigs.CreateConsumerConfig("b:9092", options, "g", "c");

        Assert.True(producer.EnableIdempotence);
        Assert.Equal(Acks.All, producer.Acks);
        Assert.Equal(20, producer.LingerMs);
        Assert.Equal(300_000, producer.MessageTimeoutMs);
        Assert.False(consumer.EnableAutoCommit);
        Assert.False(consumer.EnableAutoOffsetStore);
        Assert.Equal(AutoOffsetReset.Earliest, consumer.AutoOffsetReset);
        Assert.Equal(PartitionAssignmentStrategy.CooperativeSticky, consumer.PartitionAssignmentStrategy);
        Assert.False(consumer.EnablePartitionEof);
        Assert.Equal(4096, consumer.QueuedMaxMessagesKbytes);
        Assert.Equal(30, consumer.FetchWaitMaxMs);
        Assert.Equal("status", producer.DeliveryReportFields);
        Assert.Null(consumer.GroupInstanceId);
    }

    [Fact]
    public void AGroupInstanceIdMakesTheConsumerAStaticMemberWithIt()
    {
        var options = new KafkaOptions { ConsumerGroupInstanceId = "decoder-0" };

        ConsumerConfig consumer = KafkaClientConfigs.CreateConsumerConfig("b:9092", options, "g", "c");

        Assert.Equal("decoder-0", consumer.GroupInstanceId);
    }

    /// <summary>The least time a service restarted at once needs before its consumer joins: a process start.</summary>
    private static readonly TimeSpan RestartTime = TimeSpan.FromSeconds(1);

    /// <summary>Polls <paramref name="consumer"/> (which serves its group protocol) until the condition holds or <see cref="Timeout"/> passes.</summary>
    private static Task<bool> ConsumeUntilAsync(IConsumer<string, string> consumer, Func<IConsumer<string, string>, bool> condition) =>
        Task.Factory.StartNew(() =>
        {
            var deadline = DateTime.UtcNow + Timeout;
            while (!condition(consumer))
            {
                if (DateTime.UtcNow >= deadline)
                {
                    return false;
                }

                consumer.Consume(TimeSpan.FromMilliseconds(100));
            }

            return true;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private Task<List<ConsumeResult<string, string>>> ConsumeAsync(string topic, string group, int count, bool commit) =>
        Task.Factory.StartNew(() =>
        {
            using IConsumer<string, string> consumer = Factory.CreateConsumerBuilder<string, string>(group, "test-consumer").Build();
            consumer.Subscribe(topic);
            var records = new List<ConsumeResult<string, string>>();
            var deadline = DateTime.UtcNow + Timeout;
            while (records.Count < count && DateTime.UtcNow < deadline)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } record)
                {
                    records.Add(record);
                    if (commit)
                    {
                        consumer.StoreOffset(record);
                    }
                }
            }

            if (commit)
            {
                consumer.Commit();
            }

            consumer.Close();
            return records;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).WaitAsync(Timeout * 2);
}

using System.Diagnostics.Metrics;
using Confluent.Kafka;
using F2.Integrations.Kafka;
using F2.Protocol;
using F2.Sink;
using F2.Storage;
using F2.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace F2.Tests.Sink;

/// <summary>
/// The flush sequence of issue 11, point 1, driven step by step against real PostgreSQL and the development Kafka
/// stand-in: a flush stores its rows, its dead letter fails, a revocation empties the batch during the wait, and the
/// next batch must still be written before its offsets are committed.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SinkBatchRevocationTests(PostgresServer postgres) : IDisposable
{
    private readonly MockKafkaCluster _kafka = SinkWorkerTests.StartKafka();
    private readonly DateTime _start = DateTime.UtcNow.Date.AddHours(3);

    [Fact]
    public async Task ABatchEmptiedByARevocationWhileItsDeadLetterFailsNeverLetsTheNextBatchSkipItsRows()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        await DecodedTopic.ProduceAsync(_kafka.BootstrapServers, [TelemetryDatabase.DoorMessage("f2-0000000000a1", _start)]);
        await DecodedTopic.ProduceRawAsync(_kafka.BootstrapServers, "f2-0000000000a1", "not a decoded message"u8.ToArray());
        await DecodedTopic.ProduceAsync(_kafka.BootstrapServers, [TelemetryDatabase.DoorMessage("f2-0000000000a1", _start.AddMinutes(1))]);

        using ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var flusher = new SinkBatchFlusher(
            new MeasurementWriter(database.DataSource, database.Layout),
            new PendingCommits(new ConsumerGroupHealth(Options.Create(new KafkaOptions())), NullLogger.Instance),
            new SinkMetrics(services.GetRequiredService<IMeterFactory>()),
            NullLogger.Instance);
        using IConsumer<byte[]?, byte[]?> consumer = AssignedConsumer();
        using IProducer<byte[]?, byte[]?> unreachableProducer = Producer("127.0.0.1:9");
        using IProducer<byte[]?, byte[]?> producer = Producer(_kafka.BootstrapServers);
        using var originals = new RawOriginals(new KafkaClientFactory(_kafka.BootstrapServers, new KafkaOptions(), NullLoggerFactory.Instance));
        var unreachable = new SinkDeadLetters(unreachableProducer, originals);
        var deadLetters = new SinkDeadLetters(producer, originals);
        ConsumeResult<byte[]?, byte[]?>[] consumed = Consume(consumer, 3);

        var batch = new SinkBatch();
        batch.Add(SinkRecordReader.Read(consumed[0]));
        batch.Add(SinkRecordReader.Read(consumed[1]));
        Assert.ThrowsAny<KafkaException>(() => flusher.Flush(batch, consumer, unreachable));
        Assert.Equal(2, await database.CountRowsAsync());

        batch.Remove([consumed[0].TopicPartition]);
        Assert.True(batch.IsEmpty);

        batch.Add(SinkRecordReader.Read(consumed[2]));
        flusher.Flush(batch, consumer, deadLetters);

        Assert.Equal(4, await database.CountRowsAsync());
        Assert.Equal(3, DecodedTopic.CommittedBySink(_kafka.BootstrapServers, SinkWorkerTests.Partitions));
    }

    public void Dispose() => _kafka.Dispose();

    private IConsumer<byte[]?, byte[]?> AssignedConsumer()
    {
        var config = new ConsumerConfig { BootstrapServers = _kafka.BootstrapServers, GroupId = SinkConsumeLoop.ConsumerGroup, EnableAutoCommit = false };
        IConsumer<byte[]?, byte[]?> consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        consumer.Assign(Enumerable.Range(0, SinkWorkerTests.Partitions)
            .Select(partition => new TopicPartitionOffset(KafkaTopics.Decoded, partition, Offset.Beginning)));
        return consumer;
    }

    /// <summary>The records, in production order (one device, so one partition).</summary>
    private static ConsumeResult<byte[]?, byte[]?>[] Consume(IConsumer<byte[]?, byte[]?> consumer, int count)
    {
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        DateTime deadline = DateTime.UtcNow + TelemetryDatabase.Timeout;
        while (records.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message: not null } result)
            {
                records.Add(result);
            }
        }

        Assert.Equal(count, records.Count);
        return [.. records.OrderBy(record => record.Offset.Value)];
    }

    private static IProducer<byte[]?, byte[]?> Producer(string bootstrapServers)
        => new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = bootstrapServers, MessageTimeoutMs = 1_000 }).Build();
}

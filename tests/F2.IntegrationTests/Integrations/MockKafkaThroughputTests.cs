using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using F2.Integrations.Kafka;
using F2.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace F2.Tests.Integrations;

/// <summary>
/// Moves a realistic volume through the stand-in with F2's own client configuration and prints the rates
/// (run with <c>--logger "console;verbosity=detailed"</c> to see them). Asserts completeness only, never speed.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class MockKafkaThroughputTests(KafkaTestCluster kafka, ITestOutputHelper output)
{
    private const int Records = 50_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task FiftyThousandRecordsGoThroughTheStandInAndAllComeBack()
    {
        string topic = kafka.CreateUniqueTopic("throughput", partitions: 3);
        var factory = new KafkaClientFactory(kafka.BootstrapServers,
            new KafkaOptions { ConsumerSessionTimeout = TimeSpan.FromSeconds(2) }, NullLoggerFactory.Instance);

        var produced = Stopwatch.StartNew();
        int failures = await Task.Factory.StartNew(() => Produce(factory, topic), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default).WaitAsync(Timeout);
        produced.Stop();

        var consumed = Stopwatch.StartNew();
        int count = await Task.Factory.StartNew(() => Consume(factory, topic), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default).WaitAsync(Timeout);
        consumed.Stop();

        output.WriteLine($"produce: {Records} records in {produced.Elapsed.TotalSeconds:F2} s = {Records / produced.Elapsed.TotalSeconds:F0}/s (acks=all, idempotent, lz4)");
        output.WriteLine($"consume: {count} records in {consumed.Elapsed.TotalSeconds:F2} s = {count / consumed.Elapsed.TotalSeconds:F0}/s (group join included)");
        Assert.Equal(0, failures);
        Assert.Equal(Records, count);
    }

    private static int Produce(KafkaClientFactory factory, string topic)
    {
        int failures = 0;
        using IProducer<string, byte[]> producer = factory.CreateProducerBuilder<string, byte[]>("throughput-producer").Build();
        for (int i = 0; i < Records; i++)
        {
            string device = $"f2-{i % 500:x12}";
            byte[] payload = Encoding.UTF8.GetBytes(
                $"{{\"timestamp\":\"2025-01-01 12:00:{i % 60:00}.{i % 1000:000}\",\"status\":{i % 2},\"seq\":{i}}}");
            var message = new Message<string, byte[]> { Key = device, Value = payload };
            while (true)
            {
                try
                {
                    producer.Produce(topic, message, report => { if (report.Error.IsError) { Interlocked.Increment(ref failures); } });
                    break;
                }
                catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }

        producer.Flush(Timeout);
        return failures;
    }

    private static int Consume(KafkaClientFactory factory, string topic)
    {
        using IConsumer<string, byte[]> consumer = factory.CreateConsumerBuilder<string, byte[]>(
            "throughput-" + Guid.NewGuid().ToString("N"), "throughput-consumer").Build();
        consumer.Subscribe(topic);
        int count = 0;
        var deadline = DateTime.UtcNow + Timeout;
        while (count < Records && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not null)
            {
                count++;
            }
        }

        consumer.Close();
        return count;
    }
}

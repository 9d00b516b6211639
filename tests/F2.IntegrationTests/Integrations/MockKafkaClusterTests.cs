using System.Text;
using Confluent.Kafka;
using F2.DevKafka;
using F2.Protocol;
using F2.Tests.Infrastructure;

namespace F2.Tests.Integrations;

[Collection(KafkaCollection.Name)]
public sealed class MockKafkaClusterTests(KafkaTestCluster kafka)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void PipelineTopicsExistWithTheirPartitions()
    {
        using IAdminClient admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        Metadata metadata = admin.GetMetadata(Timeout);

        foreach (string topic in KafkaTopics.All)
        {
            TopicMetadata found = Assert.Single(metadata.Topics, t => t.Topic == topic);
            Assert.Equal(KafkaTestCluster.PipelinePartitions, found.Partitions.Count);
        }
    }

    [Fact]
    public async Task ProducedRecordsAreReadBackWithKeysAndHeaders()
    {
        string topic = kafka.CreateUniqueTopic("roundtrip", partitions: 2);
        using (IProducer<string, byte[]> producer = new ProducerBuilder<string, byte[]>(
            new ProducerConfig { BootstrapServers = kafka.BootstrapServers, EnableIdempotence = true }).Build())
        {
            for (int i = 0; i < 10; i++)
            {
                var headers = new Headers { { "n", Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)) } };
                await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = "k" + i, Value = [(byte)i], Headers = headers })
                    .WaitAsync(Timeout);
            }
        }

        var records = await KafkaTestReader.ReadAsync(kafka.BootstrapServers, topic, 10, Timeout).WaitAsync(Timeout * 2);

        Assert.Equal(10, records.Count);
        foreach (var record in records)
        {
            int n = record.Message.Value[0];
            Assert.Equal("k" + n, record.Message.Key);
            Assert.Equal(n.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes("n")));
        }
    }

    [Fact]
    public void CreatingATopicTwiceFails()
    {
        string topic = kafka.CreateUniqueTopic("twice");

        var error = Assert.Throws<KafkaException>(() => kafka.Cluster.CreateTopic(topic, 1));
        Assert.Equal(ErrorCode.TopicAlreadyExists, error.Error.Code);
    }

    [Fact]
    public void DisposingTwiceIsHarmlessAndLaterCallsFailClearly()
    {
        var cluster = MockKafkaCluster.Start();
        cluster.Dispose();
        cluster.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("after-dispose", 1));
    }

    [Fact]
    public void TheBindingUsesTheLibrdkafkaConfluentLoadedAndNoSecondCopy()
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(
            new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = "copies" }).Build();

        string[] mapped = File.ReadLines("/proc/self/maps")
            .Select(line => line.IndexOf('/', StringComparison.Ordinal) is int slash and >= 0 ? line[slash..] : "")
            .Where(path => Path.GetFileName(path).Contains("librdkafka", StringComparison.Ordinal))
            .Distinct()
            .ToArray();

        Assert.Equal([MockKafkaCluster.LibraryPath], mapped);
    }
}

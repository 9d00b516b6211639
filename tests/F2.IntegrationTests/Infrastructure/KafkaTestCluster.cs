using F2.DevKafka;

namespace F2.Tests.Infrastructure;

/// <summary>
/// The development Kafka stand-in (librdkafka mock cluster) with the pipeline topics, shared through
/// <see cref="KafkaCollection"/>. Consumer groups get their first assignment at once (no 3 s initial delay).
/// Tests that take brokers down start their own <see cref="MockKafkaCluster"/> instead.
/// </summary>
public sealed class KafkaTestCluster : IDisposable
{
    public const int PipelinePartitions = 3;

    private int _topicCount;

    public KafkaTestCluster()
    {
        Cluster = MockKafkaCluster.Start();
        Cluster.CreatePipelineTopics(PipelinePartitions);
        Cluster.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
    }

    public MockKafkaCluster Cluster { get; }

    /// <summary>What services receive in <c>ConnectionStrings:kafka</c>.</summary>
    public string BootstrapServers => Cluster.BootstrapServers;

    /// <summary>A topic no other test uses, for tests that count every record.</summary>
    public string CreateUniqueTopic(string prefix, int partitions = 1)
    {
        string name = $"{prefix}-{Interlocked.Increment(ref _topicCount)}-{Guid.NewGuid():N}";
        Cluster.CreateTopic(name, partitions);
        return name;
    }

    public void Dispose() => Cluster.Dispose();
}

/// <summary>Tests that share one <see cref="KafkaTestCluster"/>; they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<KafkaTestCluster>
{
    public const string Name = "Kafka";
}

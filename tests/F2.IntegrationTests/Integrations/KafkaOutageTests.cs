using Confluent.Kafka;
using F2.DevKafka;
using F2.Integrations.Kafka;
using F2.Protocol;
using F2.Tests.Infrastructure;
using F2.Tests.Security;
using F2.Tests.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace F2.Tests.Integrations;

/// <summary>Each test owns its cluster: brokers go down here.</summary>
public sealed class KafkaOutageTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly MockKafkaCluster _cluster = MockKafkaCluster.Start(brokerCount: 1);
    private readonly KafkaClientFactory _factory;

    public KafkaOutageTests()
    {
        _cluster.CreateTopic("outage", partitions: 1);
        _factory = new KafkaClientFactory(_cluster.BootstrapServers,
            new KafkaOptions { HealthCheckTimeout = TimeSpan.FromSeconds(1) }, NullLoggerFactory.Instance);
    }

    [Fact]
    public async Task ARecordProducedWhileTheBrokerIsDownIsDeliveredWhenItComesBack()
    {
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(logs));
        var factory = new KafkaClientFactory(_cluster.BootstrapServers, new KafkaOptions(), loggerFactory);
        using IProducer<string, string> producer = factory.CreateProducerBuilder<string, string>("outage-producer").Build();
        await producer.ProduceAsync("outage", new Message<string, string> { Key = "k", Value = "before" }).WaitAsync(Timeout);

        _cluster.SetBrokerDown(1);
        Task<DeliveryResult<string, string>> during =
            producer.ProduceAsync("outage", new Message<string, string> { Key = "k", Value = "during" });
        await Poll.UntilAsync(
            () => Task.FromResult(logs.Entries.Any(entry => entry.Contains("Kafka client outage-producer", StringComparison.Ordinal) && entry.Contains("transient", StringComparison.Ordinal))),
            Timeout,
            "the producer should notice that the broker is down");
        Assert.False(during.IsCompleted, "delivery cannot complete while the only broker is down");
        _cluster.SetBrokerUp(1);

        DeliveryResult<string, string> delivered = await during.WaitAsync(Timeout);
        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
        var records = await KafkaTestReader.ReadAsync(_cluster.BootstrapServers, "outage", 2, Timeout).WaitAsync(Timeout * 2);
        Assert.Equal(["before", "during"], records.Select(r => System.Text.Encoding.UTF8.GetString(r.Message.Value)));
    }

    [Fact]
    public async Task TheHealthCheckFollowsTheBroker()
    {
        using var check = new KafkaHealthCheck(_factory, ["outage"]);
        var context = new HealthCheckContext
        {
            Registration = new HealthCheckRegistration("kafka", check, HealthStatus.Unhealthy, null),
        };

        HealthCheckResult up = await check.CheckHealthAsync(context).WaitAsync(Timeout);
        _cluster.SetBrokerDown(1);
        HealthCheckResult down = await check.CheckHealthAsync(context).WaitAsync(Timeout);
        _cluster.SetBrokerUp(1);

        Assert.Equal(HealthStatus.Healthy, up.Status);
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
    }

    [Fact]
    public async Task TheHealthCheckReportsAMissingTopic()
    {
        using var check = new KafkaHealthCheck(_factory, [KafkaTopics.Raw]);
        var context = new HealthCheckContext
        {
            Registration = new HealthCheckRegistration("kafka", check, HealthStatus.Unhealthy, null),
        };

        HealthCheckResult result = await check.CheckHealthAsync(context).WaitAsync(Timeout);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains(KafkaTopics.Raw, result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void PartitionLeadershipCanMoveToAnotherBroker()
    {
        using MockKafkaCluster cluster = MockKafkaCluster.Start(brokerCount: 2);
        cluster.CreateTopic("leaders", partitions: 1, replicationFactor: 2);

        cluster.SetPartitionLeader("leaders", 0, 2);
        int leaderAfterFirstMove = LeaderOf(cluster, "leaders");
        cluster.SetPartitionLeader("leaders", 0, 1);
        int leaderAfterSecondMove = LeaderOf(cluster, "leaders");

        Assert.Equal(2, leaderAfterFirstMove);
        Assert.Equal(1, leaderAfterSecondMove);
    }

    public void Dispose() => _cluster.Dispose();

    private static int LeaderOf(MockKafkaCluster cluster, string topic)
    {
        using IAdminClient admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        return admin.GetMetadata(topic, Timeout).Topics.Single().Partitions.Single().Leader;
    }
}

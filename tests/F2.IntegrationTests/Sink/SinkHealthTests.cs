using Confluent.Kafka;
using F2.DevKafka;
using F2.Tests.Infrastructure;
using F2.Tests.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace F2.Tests.Sink;

/// <summary>The Sink's health check tells an operator about failing commits and an idle replica.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SinkHealthTests(PostgresServer postgres)
{
    private const short OffsetCommitApi = 8;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly DateTime _start = DateTime.UtcNow.Date.AddHours(7);

    [Fact]
    public async Task CommitsThatKeepFailingForTheWindowMakeTheSinkUnhealthyUntilOneSucceeds()
    {
        using MockKafkaCluster kafka = SinkWorkerTests.StartKafka();
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        await DecodedTopic.ProduceAsync(kafka.BootstrapServers, DecodedTopic.DoorMessages(10, _start));
        // The Sink commits after its batch and retries once a second: some 5 s of refused commits.
        kafka.FailNextRequests(OffsetCommitApi, ErrorCode.OffsetMetadataTooLarge, 5);
        await using SinkHost sink = await SinkHost.StartAsync(
            kafka.BootstrapServers, database.ConnectionString, overrides: new Dictionary<string, string?> { ["Kafka:ConsumerCommitFailureWindow"] = "00:00:01" });

        HealthCheckResult unhealthy = await WaitForAsync(
            sink, result => result.Description?.Contains("offset commits have failed", StringComparison.Ordinal) == true, "the Sink never reported its failing commits");
        Assert.Equal(HealthStatus.Unhealthy, unhealthy.Status);
        await WaitForAsync(sink, result => result.Status == HealthStatus.Healthy, "the Sink stayed unhealthy after its commits succeeded again");
    }

    [Fact]
    public async Task ASinkReplicaWithoutAPartitionReportsDegradedAndSaysItIsIdle()
    {
        using MockKafkaCluster kafka = MockKafkaCluster.Start();
        kafka.CreatePipelineTopics(1);
        kafka.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        var settings = new Dictionary<string, string?> { ["Kafka:ConsumerSessionTimeout"] = "00:00:02" };
        await using SinkHost first = await SinkHost.StartAsync(kafka.BootstrapServers, database.ConnectionString, overrides: settings);
        await DecodedTopic.ProduceAsync(kafka.BootstrapServers, DecodedTopic.DoorMessages(3, _start));
        await Poll.UntilAsync(() => Task.FromResult(DecodedTopic.CommittedBySink(kafka.BootstrapServers, 1) == 3), Timeout, "the first Sink never took the partition");

        await using SinkHost second = await SinkHost.StartAsync(kafka.BootstrapServers, database.ConnectionString, overrides: settings);

        // The session timeout is 2 s here: idle for more than 4 s while the topic has a partition. Which of the two
        // keeps the partition is the assignor's choice.
        HealthCheckResult[] both = [];
        await Poll.UntilAsync(
            async () => (both = [await first.Health.CheckHealthAsync(new HealthCheckContext()), await second.Health.CheckHealthAsync(new HealthCheckContext())])
                .Count(result => result.Status == HealthStatus.Degraded) == 1 && both.Count(result => result.Status == HealthStatus.Healthy) == 1,
            Timeout,
            "one Sink should hold the partition and the other one say that it is idle");
        HealthCheckResult idle = both.Single(result => result.Status == HealthStatus.Degraded);
        Assert.Contains("idle", idle.Description, StringComparison.Ordinal);
        Assert.Contains("extra replica", idle.Description, StringComparison.Ordinal);
    }

    private static async Task<HealthCheckResult> WaitForAsync(SinkHost sink, Func<HealthCheckResult, bool> condition, string because)
    {
        HealthCheckResult result = default;
        await Poll.UntilAsync(async () => condition(result = await sink.Health.CheckHealthAsync(new HealthCheckContext())), Timeout, because);
        return result;
    }
}

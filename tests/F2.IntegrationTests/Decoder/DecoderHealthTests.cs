using Confluent.Kafka;
using F2.DevKafka;
using F2.Protocol;
using F2.Tests.EndToEnd;
using F2.Tests.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace F2.Tests.Decoder;

/// <summary>The Decoder's health check tells an operator what is wrong: failing commits, an idle replica, a stuck record.</summary>
public sealed class DecoderHealthTests
{
    private const short OffsetCommitApi = 8;
    private const int Partitions = 3;

    [Fact]
    public async Task CommitsThatKeepFailingForTheWindowMakeTheDecoderUnhealthyUntilOneSucceeds()
    {
        using var kafka = DecoderTests.StartKafka();
        var (parameters, vector) = Parameters();
        using (var producer = DecoderFixture.CreateProducer(kafka.BootstrapServers))
        {
            await DecoderFixture.ProduceRawAsync(producer, vector.Topic, vector.Payload, DateTime.UtcNow);
        }

        var settings = DecoderFixture.Settings(kafka.BootstrapServers);
        settings["Kafka:ConsumerCommitFailureWindow"] = "00:00:01";
        // Commits go every 200 ms here: about 6 s of refused commits.
        kafka.FailNextRequests(OffsetCommitApi, ErrorCode.OffsetMetadataTooLarge, 30);
        await using var decoder = await DecoderFixture.StartAsync(settings, parameters);

        var unhealthy = await WaitForAsync(decoder, entry => entry.Status == HealthStatus.Unhealthy, "the Decoder never reported its failing commits");
        Assert.Contains("offset commits have failed", unhealthy.Description, StringComparison.Ordinal);
        await WaitForAsync(decoder, entry => entry.Status == HealthStatus.Healthy, "the Decoder stayed unhealthy after its commits succeeded again");
    }

    [Fact]
    public async Task AReplicaWithoutAPartitionReportsDegradedAndSaysItIsIdleUntilItGetsOne()
    {
        using var kafka = MockKafkaCluster.Start();
        kafka.CreatePipelineTopics(1);
        kafka.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        var (parameters, _) = Parameters();
        var settings = DecoderFixture.Settings(kafka.BootstrapServers);
        await using var first = await DecoderFixture.StartAsync(settings, parameters);
        await WaitForAsync(first, entry => entry.Status == HealthStatus.Healthy, "the first Decoder never became healthy");

        await using var second = await DecoderFixture.StartAsync(settings, parameters);

        // The session timeout is 2 s here: idle for more than 4 s while the topic has a partition. Which of the two
        // keeps the partition is the assignor's choice.
        ServiceHost[] replicas = [first, second];
        HealthReportEntry[] entries = [];
        await Poll.UntilAsync(
            async () => (entries = [await EntryAsync(first), await EntryAsync(second)]).Count(entry => entry.Status == HealthStatus.Degraded) == 1
                && entries.Count(entry => entry.Status == HealthStatus.Healthy) == 1,
            DecoderFixture.Timeout,
            "one Decoder should hold the partition and the other one say that it is idle");
        int idleIndex = Array.FindIndex(entries, entry => entry.Status == HealthStatus.Degraded);
        Assert.Contains("idle", entries[idleIndex].Description, StringComparison.Ordinal);
        Assert.Contains("extra replica", entries[idleIndex].Description, StringComparison.Ordinal);

        await replicas[1 - idleIndex].StopAsync();
        await WaitForAsync(replicas[idleIndex], entry => entry.Status == HealthStatus.Healthy, "the idle replica stayed degraded after it took over the partition");
    }

    [Fact]
    public async Task AStuckRecordKeepsTheDecoderDegradedWhileOtherRecordsSucceedUntilItIsProduced()
    {
        using var kafka = DecoderTests.StartKafka(brokers: 3);
        const int DecodedBroker = 3;
        for (int partition = 0; partition < Partitions; partition++)
        {
            kafka.SetPartitionLeader(KafkaTopics.Decoded, partition, DecodedBroker);
            kafka.SetPartitionLeader(KafkaTopics.DeadLetter, partition, 2);
            kafka.SetPartitionLeader(KafkaTopics.Raw, partition, 1);
        }

        var (parameters, vector) = Parameters();
        var settings = DecoderFixture.Settings(kafka.BootstrapServers);
        settings["Kafka:ProducerMessageTimeout"] = "00:00:10";
        settings["Decoder:DrainTimeout"] = "00:00:00.500";
        kafka.SetBrokerDown(DecodedBroker);
        using var producer = DecoderFixture.CreateProducer(kafka.BootstrapServers);
        await DecoderFixture.ProduceRawAsync(producer, vector.Topic, vector.Payload, DateTime.UtcNow, partition: 0);
        await using var decoder = await DecoderFixture.StartAsync(settings, parameters);

        // Given: the good record's output cannot be produced (its partition's leader is down).
        var stuck = await WaitForAsync(decoder, entry => entry.Status == HealthStatus.Degraded, "the Decoder never reported the stuck record");
        Assert.Contains("1 records are stuck", stuck.Description, StringComparison.Ordinal);

        // When: another record succeeds (a dead letter, on another partition, fully handled: its offset is committed).
        var bad = await DecoderFixture.ProduceRawAsync(producer, vector.Topic, "not json"u8.ToArray(), DateTime.UtcNow, partition: 1);
        await Poll.UntilAsync(() => Task.FromResult(Committed(kafka, bad.TopicPartition) > bad.Offset.Value), DecoderFixture.Timeout, "the dead letter was never committed");

        // Then: still degraded, for the record that is still stuck; healthy once it is produced.
        var still = await EntryAsync(decoder);
        Assert.Equal(HealthStatus.Degraded, still.Status);
        Assert.Contains("1 records are stuck", still.Description, StringComparison.Ordinal);
        kafka.SetBrokerUp(DecodedBroker);
        await WaitForAsync(decoder, entry => entry.Status == HealthStatus.Healthy, "the Decoder stayed degraded after the stuck record was produced");
    }

    private static (FixedParameterSource Parameters, F2.Tests.Protocol.Vectors.DecodeVector Vector) Parameters()
    {
        var compatible = CompatibleVectors.Load(vector => vector.ExpectedError is null);
        var parameters = new FixedParameterSource();
        parameters.Load(compatible.Parameters);
        return (parameters, compatible.Vectors[0]);
    }

    private static async Task<HealthReportEntry> EntryAsync(ServiceHost decoder)
        => (await decoder.Get<HealthCheckService>().CheckHealthAsync(check => check.Name == "decoder")).Entries["decoder"];

    private static async Task<HealthReportEntry> WaitForAsync(ServiceHost decoder, Func<HealthReportEntry, bool> condition, string because)
    {
        HealthReportEntry entry = default;
        await Poll.UntilAsync(async () => condition(entry = await EntryAsync(decoder)), DecoderFixture.Timeout, because);
        return entry;
    }

    private static long Committed(MockKafkaCluster kafka, TopicPartition partition)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = "f2-decoder" }).Build();
        return consumer.Committed([partition], DecoderFixture.Timeout)[0].Offset.Value;
    }
}

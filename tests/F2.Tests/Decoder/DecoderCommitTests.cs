using F2.Decoder;
using F2.Integrations.Kafka;
using F2.Protocol;
using F2.Tests.EndToEnd;
using F2.Tests.Infrastructure;
using F2.Tests.Storage;

namespace F2.Tests.Decoder;

/// <summary>Offsets are committed only after Kafka acknowledged each record's output.</summary>
public sealed class DecoderCommitTests
{
    private const int Partitions = 3;
    private const int RecordCount = 300;

    [Fact]
    public async Task AfterARestartMidStreamEveryRawRecordHasItsDecodedOrDeadLetterRecord()
    {
        using var kafka = DecoderTests.StartKafka();
        var (parameters, sources) = await ProduceRawRecordsAsync(kafka);
        var settings = DecoderFixture.Settings(kafka.BootstrapServers);

        await using (var first = await DecoderFixture.StartAsync(settings, parameters))
        {
            await Poll.UntilAsync(() => Task.FromResult(OutputCount(kafka) >= RecordCount / 3), DecoderFixture.Timeout, "the first decoder produced too little");
        }

        await using var second = await DecoderFixture.StartAsync(settings, parameters);
        await AssertEverySourceHasOutputAsync(kafka, sources);
    }

    [Fact]
    public async Task WhileKafkaRefusesTheOutputNothingIsCommittedSoTheNextDecoderProducesIt()
    {
        using var kafka = DecoderTests.StartKafka(brokers: 3);
        const int OutputBroker = 3;
        foreach (string topic in new[] { KafkaTopics.Decoded, KafkaTopics.DeadLetter })
        {
            for (int partition = 0; partition < Partitions; partition++)
            {
                kafka.SetPartitionLeader(topic, partition, OutputBroker);
            }
        }

        for (int partition = 0; partition < Partitions; partition++)
        {
            kafka.SetPartitionLeader(KafkaTopics.Raw, partition, 1);
        }

        var (parameters, sources) = await ProduceRawRecordsAsync(kafka);
        var settings = DecoderFixture.Settings(kafka.BootstrapServers);
        settings["Kafka:ProducerMessageTimeout"] = "00:00:10";
        settings["Decoder:DrainTimeout"] = "00:00:00.500";
        kafka.SetBrokerDown(OutputBroker);

        await using (var first = await DecoderFixture.StartAsync(settings, parameters))
        {
            var status = first.Get<DecoderStatus>();
            var tracker = first.Get<OffsetTracker>();
            await Poll.UntilAsync(() => Task.FromResult(status.ProduceFailing && tracker.Pending == RecordCount), DecoderFixture.Timeout, "the first decoder never consumed every record while its output failed");
        }

        kafka.SetBrokerUp(OutputBroker);
        await using var second = await DecoderFixture.StartAsync(settings, parameters);
        await AssertEverySourceHasOutputAsync(kafka, sources);
    }

    private static async Task<(FixedParameterSource Parameters, HashSet<string> Sources)> ProduceRawRecordsAsync(MockKafkaCluster kafka)
    {
        var compatible = CompatibleVectors.Load();
        var parameters = new FixedParameterSource();
        parameters.Load(compatible.Parameters);
        var sources = new HashSet<string>();
        using var producer = DecoderFixture.CreateProducer(kafka.BootstrapServers);
        for (int i = 0; i < RecordCount; i++)
        {
            var vector = compatible.Vectors[i % compatible.Vectors.Count];
            sources.Add(DecoderFixture.Source(await DecoderFixture.ProduceRawAsync(producer, vector.Topic, vector.Payload, DateTime.UtcNow)));
        }

        return (parameters, sources);
    }

    private static long OutputCount(MockKafkaCluster kafka)
        => DecoderFixture.RecordCount(kafka.BootstrapServers, KafkaTopics.Decoded, Partitions)
            + DecoderFixture.RecordCount(kafka.BootstrapServers, KafkaTopics.DeadLetter, Partitions);

    /// <summary>At least once: every source has an output; some may have two.</summary>
    private static async Task AssertEverySourceHasOutputAsync(MockKafkaCluster kafka, HashSet<string> sources)
    {
        HashSet<string> seen = [];
        await Poll.UntilAsync(
            async () =>
            {
                seen = await OutputSourcesAsync(kafka);
                return sources.IsSubsetOf(seen);
            },
            DecoderFixture.Timeout,
            "some raw records never got an output");
        Assert.Subset(seen, sources);
    }

    private static async Task<HashSet<string>> OutputSourcesAsync(MockKafkaCluster kafka)
    {
        var seen = new HashSet<string>();
        foreach (string topic in new[] { KafkaTopics.Decoded, KafkaTopics.DeadLetter })
        {
            int count = (int)DecoderFixture.RecordCount(kafka.BootstrapServers, topic, Partitions);
            var outputs = await KafkaTestReader.ReadAsync(kafka.BootstrapServers, topic, count, DecoderFixture.Timeout);
            seen.UnionWith(outputs.Select(DecoderFixture.SourceOf));
        }

        return seen;
    }
}

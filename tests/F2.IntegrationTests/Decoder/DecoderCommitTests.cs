using Confluent.Kafka;
using F2.Decoder;
using F2.DevKafka;
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

    /// <summary>
    /// Read while the Decoder runs (no dispose, no drain, as a kill leaves it): output to one decoded partition is
    /// refused, the others are acknowledged, and the group's committed offset on every raw partition stays at or before
    /// the first record whose output Kafka has not acknowledged. A Decoder that committed what it consumed (before the
    /// acknowledgements) commits past those records.
    /// </summary>
    [Fact]
    public async Task WhileOneDecodedPartitionRefusesOutputNoCommittedOffsetPassesARecordWithoutItsOutput()
    {
        using var kafka = DecoderTests.StartKafka(brokers: 3);
        const int DownBroker = 3;
        for (int partition = 0; partition < Partitions; partition++)
        {
            kafka.SetPartitionLeader(KafkaTopics.Raw, partition, 1);
            kafka.SetPartitionLeader(KafkaTopics.DeadLetter, partition, 1);
            kafka.SetPartitionLeader(KafkaTopics.Decoded, partition, partition == Partitions - 1 ? DownBroker : 2);
        }

        var (parameters, sources) = await ProduceRawRecordsAsync(kafka);
        var settings = DecoderFixture.Settings(kafka.BootstrapServers);
        settings["Kafka:ProducerMessageTimeout"] = "00:00:30";
        kafka.SetBrokerDown(DownBroker);

        await using (var decoder = await DecoderFixture.StartAsync(settings, parameters))
        {
            var tracker = decoder.Get<OffsetTracker>();
            long[] committed = [];
            Dictionary<int, long> firstWithoutOutput = [];
            await Poll.UntilAsync(
                async () =>
                {
                    if (tracker.Pending == 0)
                    {
                        return false;
                    }

                    HashSet<string> seen = await OutputSourcesAsync(kafka, decodedPartitionsUp: Partitions - 1);
                    firstWithoutOutput = FirstWithoutOutput(sources, seen);
                    committed = CommittedByDecoder(kafka.BootstrapServers);
                    return firstWithoutOutput.Count > 0
                        && Enumerable.Range(0, Partitions).Any(p => committed[p] > 0 && !firstWithoutOutput.ContainsKey(p));
                },
                DecoderFixture.Timeout,
                "the Decoder never committed a partition whose output was acknowledged while another's was refused");

            foreach ((int partition, long offset) in firstWithoutOutput)
            {
                Assert.True(
                    committed[partition] <= offset,
                    $"raw partition {partition} committed to {committed[partition]}, past offset {offset} whose output Kafka never acknowledged");
            }
        }

        kafka.SetBrokerUp(DownBroker);
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
            Assert.All(CommittedByDecoder(kafka.BootstrapServers), offset => Assert.Equal(0, offset));
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

    /// <summary>Per raw partition, the lowest offset among <paramref name="sources"/> not in <paramref name="seen"/>.</summary>
    private static Dictionary<int, long> FirstWithoutOutput(HashSet<string> sources, HashSet<string> seen)
    {
        var first = new Dictionary<int, long>();
        foreach (string source in sources.Except(seen))
        {
            string[] parts = source[(KafkaTopics.Raw.Length + 1)..].Split('@');
            int partition = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            long offset = long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            first[partition] = first.TryGetValue(partition, out long known) ? Math.Min(known, offset) : offset;
        }

        return first;
    }

    /// <summary>The Decoder group's committed offset per raw partition (0 where none).</summary>
    private static long[] CommittedByDecoder(string bootstrapServers)
    {
        var config = new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = new DecoderOptions().ConsumerGroup };
        using IConsumer<Ignore, Ignore> consumer = new ConsumerBuilder<Ignore, Ignore>(config).Build();
        List<TopicPartitionOffset> committed = consumer.Committed(
            Enumerable.Range(0, Partitions).Select(partition => new TopicPartition(KafkaTopics.Raw, partition)), DecoderFixture.Timeout);
        return [.. committed.OrderBy(c => c.Partition.Value).Select(c => Math.Max(0, c.Offset.Value))];
    }

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

    /// <summary>The sources of every output; only the first <paramref name="decodedPartitionsUp"/> decoded partitions are read.</summary>
    private static async Task<HashSet<string>> OutputSourcesAsync(MockKafkaCluster kafka, int decodedPartitionsUp = Partitions)
    {
        var seen = new HashSet<string>();
        foreach (string topic in new[] { KafkaTopics.Decoded, KafkaTopics.DeadLetter })
        {
            int count = (int)DecoderFixture.RecordCount(kafka.BootstrapServers, topic, topic == KafkaTopics.Decoded ? decodedPartitionsUp : Partitions);
            var outputs = await KafkaTestReader.ReadAsync(kafka.BootstrapServers, topic, count, DecoderFixture.Timeout);
            seen.UnionWith(outputs.Select(DecoderFixture.SourceOf));
        }

        return seen;
    }
}

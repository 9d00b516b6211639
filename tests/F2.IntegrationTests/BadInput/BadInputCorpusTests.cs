using Confluent.Kafka;
using F2.Integrations.Kafka;
using F2.Protocol;
using F2.Testing.BadInput;
using F2.Tests.EndToEnd;
using F2.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace F2.Tests.BadInput;

/// <summary>
/// Issue 4 item 2: every kind of the bad-input corpus published through real Mosquitto into Ingest, the Decoder and
/// the Sink, and where it ends up; a device flooding one topic; the services afterwards.
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed class BadInputCorpusTests(BadInputPipeline pipeline, ITestOutputHelper output)
{
    /// <summary>The managed heap may grow by at most this share of the flood's valid payload bytes (see the memory test).</summary>
    private const double HeapGrowthShareOfFlood = 0.5;

    private static readonly Lazy<Dictionary<string, BadInputKind>> Corpus =
        new(() => BadInputCorpus.Create(new BadInputCorpusSettings()).ToDictionary(kind => kind.Name));

    public static TheoryData<string> Kinds => new(BadInputCorpus.Names);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task EachKindOfBadInputEndsWhereItBelongs(string kind)
    {
        var input = Corpus.Value[kind];

        var answer = await pipeline.PublishAsync(input);
        var verdict = await pipeline.Judge.JudgeAsync(input, answer, BadInputPipeline.Timeout);

        output.WriteLine($"{input.Name}: expected {input.Expected}; broker answered {answer}; observed {verdict.Observed}");
        Assert.True(verdict.AsExpected, verdict.ToString());
    }

    [Fact]
    public void TheCorpusHasAtLeastTwentyFiveKindsAndCoversEveryOutcomeAndEveryProtocolReason()
    {
        var corpus = Corpus.Value.Values.ToList();

        Assert.True(corpus.Count >= 25, $"{corpus.Count} kinds");
        Assert.Equal(Enum.GetValues<BadInputOutcome>().Order(), corpus.Select(kind => kind.Expected.Outcome).Distinct().Order());
        Assert.Equal(
            Enum.GetValues<RejectReason>().Select(reason => reason.ToWireName()).Order(),
            corpus.Select(kind => kind.Expected.Reason).OfType<string>().Where(reason => reason != DeadLetterReasons.RecordInvalid).Distinct().Order());
        Assert.Contains(corpus, kind => kind.Qos == 0);
        Assert.Contains(corpus, kind => kind.Qos == 2);
        Assert.Contains(corpus, kind => kind.Retain);
    }

    [Fact]
    public async Task ADeviceFloodingOneTopicLosesNothingAndEveryInvalidMessageIsCountedAsADeadLetter()
    {
        var flood = new DeviceFlood(pipeline.Mosquitto.DeviceUser.Name, count: 2_000, validPayloadBytes: 1_024);
        using var rejections = new DecoderRejectionCounter(DecoderMeterFactory());
        long rejectedBefore = rejections.Rejected("value_invalid");

        var failures = await PublishAsync(flood);
        await WaitForFloodAsync(flood);

        Assert.Empty(failures);
        Assert.Equal(flood.ValidCount, await pipeline.CountRowsAsync(flood.DeviceId, flood.TimeRange.From, flood.TimeRange.To));
        Assert.Equal(flood.InvalidCount, FloodDeadLetters(flood));
        Assert.Equal(flood.InvalidCount, rejections.Rejected("value_invalid") - rejectedBefore);
        Assert.Empty(await pipeline.UnhealthyChecksAsync());
    }

    /// <summary>
    /// The whole corpus, then a flood of 3,000 messages (2,250 valid ones of 16 KiB: 36 MiB), then one valid message.
    /// Memory is the managed heap of this process (all three services and the test) after a full collection,
    /// before and after: if the services kept what passed through them it would grow by the flood's size; it may
    /// grow by at most half of it. (The Kafka stand-in keeps its records in native memory, outside that heap.)
    /// </summary>
    [Fact]
    public async Task AfterTheWholeCorpusAndAFloodTheServicesAreHealthyTheHeapIsBoundedAndAValidMessageStillLands()
    {
        var corpus = BadInputCorpus.Create(new BadInputCorpusSettings());
        var flood = new DeviceFlood(pipeline.Mosquitto.DeviceUser.Name, count: 3_000, validPayloadBytes: 16 * 1024);
        long heapBefore = HeapAfterFullCollection();

        var answers = new List<BrokerAnswer>();
        foreach (var kind in corpus)
        {
            answers.Add(await pipeline.PublishAsync(kind));
        }

        var floodFailures = await PublishAsync(flood);
        var verdicts = new List<BadInputVerdict>();
        for (int i = 0; i < corpus.Count; i++)
        {
            verdicts.Add(await pipeline.Judge.JudgeAsync(corpus[i], answers[i], BadInputPipeline.Timeout));
        }

        await WaitForFloodAsync(flood);
        long heapAfter = HeapAfterFullCollection();
        output.WriteLine($"managed heap after a full collection: {heapBefore:N0} bytes before, {heapAfter:N0} after the corpus and the flood");
        var unhealthy = await pipeline.UnhealthyChecksAsync();
        bool lateMessageLanded = await AValidMessageLandsAsync();

        Assert.All(verdicts, verdict => Assert.True(verdict.AsExpected, verdict.ToString()));
        Assert.Empty(await RawRecordsOnTopicsAsync(corpus.Where(kind => kind.Expected.Outcome == BadInputOutcome.RefusedByBroker)));
        Assert.Empty(floodFailures);
        Assert.Equal(flood.ValidCount, await pipeline.CountRowsAsync(flood.DeviceId, flood.TimeRange.From, flood.TimeRange.To));
        Assert.Empty(unhealthy);
        Assert.True(lateMessageLanded, "a valid message sent after the corpus never became a row");
        long floodBytes = (long)flood.ValidCount * flood.ValidPayloadBytes;
        Assert.True(heapAfter - heapBefore < floodBytes * HeapGrowthShareOfFlood,
            $"the managed heap grew by {heapAfter - heapBefore:N0} bytes after a flood of {floodBytes:N0} bytes (limit: {HeapGrowthShareOfFlood:P0} of it)");
        GC.KeepAlive(corpus);
    }

    private async Task<IReadOnlyList<string>> PublishAsync(DeviceFlood flood)
    {
        await using var device = await pipeline.ConnectAsync(pipeline.Mosquitto.DeviceUser);
        using var timeout = new CancellationTokenSource(BadInputPipeline.Timeout * 2);
        return await flood.PublishAsync(device, timeout.Token);
    }

    private async Task WaitForFloodAsync(DeviceFlood flood)
        => await Poll.UntilAsync(
            async () => FloodDeadLetters(flood) >= flood.InvalidCount
                && await pipeline.CountRowsAsync(flood.DeviceId, flood.TimeRange.From, flood.TimeRange.To) >= flood.ValidCount,
            BadInputPipeline.Timeout * 2,
            "the flood's rows and dead letters never all arrived");

    /// <summary>Dead letters holding one of the flood's invalid payloads, byte for byte, with reason value_invalid.</summary>
    private int FloodDeadLetters(DeviceFlood flood)
    {
        var invalid = Enumerable.Range(0, flood.Count).Where(DeviceFlood.IsInvalid).Select(index => Convert.ToBase64String(flood.Payload(index))).ToHashSet();
        return pipeline.DeadLetters.Records.Count(record => record.Message.Key == flood.DeviceId
            && record.Message.Headers.TryGetString(RecordHeaders.Reason, out string reason) && reason == "value_invalid"
            && invalid.Contains(Convert.ToBase64String(record.Message.Value)));
    }

    /// <summary>Records of <c>raw_iot_data</c>, read to its end as it is now, published on one of the kinds' topics.</summary>
    private async Task<IReadOnlyCollection<ConsumeResult<string?, byte[]>>> RawRecordsOnTopicsAsync(IEnumerable<BadInputKind> kinds)
    {
        var topics = kinds.Select(kind => Convert.ToBase64String(kind.Topic)).ToHashSet();
        using var raw = new TopicTail(pipeline.Run.Kafka.BootstrapServers, KafkaTopics.Raw, PipelineRun.Partitions,
            keep: record => record.Message.Headers.TryGetBytes(RecordHeaders.MqttTopic, out var topic) && topics.Contains(Convert.ToBase64String(topic)));
        long end = pipeline.RawRecordCount();
        await Poll.UntilAsync(() => Task.FromResult(raw.Count >= end), BadInputPipeline.Timeout, "raw_iot_data was never read to its end");
        return raw.Records;
    }

    private async Task<bool> AValidMessageLandsAsync()
    {
        var valid = BadInputCorpus.ValidMessage(Ingest.IngestFixture.NewDeviceId());
        var verdict = await pipeline.Judge.JudgeAsync(valid, await pipeline.PublishAsync(valid), BadInputPipeline.Timeout);
        return verdict.AsExpected;
    }

    private System.Diagnostics.Metrics.IMeterFactory DecoderMeterFactory()
        => pipeline.Run.Services.Select(host => host.Services)
            .Single(services => services.GetService<F2.Decoder.DecoderStatus>() is not null)
            .GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();

    private static long HeapAfterFullCollection()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

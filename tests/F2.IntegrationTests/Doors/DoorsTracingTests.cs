using System.Diagnostics;
using F2.Protocol;
using F2.Tests.Infrastructure;
using F2.Tests.Sink;
using F2.Tests.Storage;

namespace F2.Tests.Doors;

/// <summary>Issue 16 (W3C trace context): the door stage continues each decoded record's trace, as the Sink does.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DoorsTracingTests(PostgresServer postgres)
{
    [Fact]
    public async Task ADecodedRecordsTraceContinuesInTheDoorStageUpToItsCommitLinkedToTheBatchWrite()
    {
        using var recorder = new SpanRecorder("F2.Doors");
        var spans = recorder.Spans;
        var device = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        DecodedMessage[] messages = [.. DoorEventVector.All().First(v => v.Name == "two devices interleaved").DecodedMessages()];
        await using DoorsStage stage = await DoorsStage.CreateAsync(postgres);
        await stage.StartAsync();

        await DecodedTopic.ProduceAsync(stage.Kafka.BootstrapServers, messages, device);

        await Poll.UntilAsync(
            () => Task.FromResult(spans.Count(span => span.TraceId == device.TraceId) == messages.Length), DoorsStage.Timeout, "every record's span should end");
        Activity[] processed = [.. spans.Where(span => span.TraceId == device.TraceId)];
        Assert.All(processed, span => Assert.Equal(("process decoded_iot_data", device.SpanId, ActivityKind.Consumer), (span.DisplayName, span.ParentSpanId, span.Kind)));
        Activity write = spans.First(span => span.Links.Any(link => link.Context.TraceId == device.TraceId));
        Assert.Equal("write door_events", write.DisplayName);
        Assert.Contains(processed[0].Links, link => link.Context.SpanId == write.SpanId);
    }
}

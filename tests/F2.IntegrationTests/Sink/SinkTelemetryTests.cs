using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using F2.DevKafka;
using F2.Protocol;
using F2.Tests.Infrastructure;
using F2.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace F2.Tests.Sink;

/// <summary>What an operator sees of the sink: its traces and its dead letters.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SinkTelemetryTests(PostgresServer postgres) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly MockKafkaCluster _kafka = SinkWorkerTests.StartKafka();

    private readonly DateTime _start = DateTime.UtcNow.Date.AddHours(7);

    [Fact]
    public async Task OneDeviceMessageIsOneTraceThatEndsAtTheSinksCommit()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "F2.Sink",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var device = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres, applySchema: false);
        await using SinkHost sink = await SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString);

        await DecodedTopic.ProduceAsync(_kafka.BootstrapServers, DecodedTopic.DoorMessages(1, _start), device);

        await Poll.UntilAsync(() => Task.FromResult(spans.Any(span => span.TraceId == device.TraceId)), Timeout, "the record's span should end");
        Activity process = Assert.Single(spans, span => span.TraceId == device.TraceId);
        Assert.Equal("process decoded_iot_data", process.DisplayName);
        Assert.Equal(device.SpanId, process.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, process.Kind);
        Activity write = Assert.Single(spans, span => span.Links.Any(link => link.Context.TraceId == device.TraceId));
        Assert.Equal("write iot_measurements", write.DisplayName);
        Assert.Contains(process.Links, link => link.Context.SpanId == write.SpanId);
        Assert.Equal(2, await database.CountRowsAsync());
    }

    [Fact]
    public async Task ARecordThatIsNotADecodedMessageIsDeadLetteredAndTheOthersAreStored()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres, applySchema: false);
        await using SinkHost sink = await SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString);

        await DecodedTopic.ProduceRawAsync(_kafka.BootstrapServers, "f2-000000abc000", "not a decoded message"u8.ToArray());
        await DecodedTopic.ProduceAsync(_kafka.BootstrapServers, DecodedTopic.DoorMessages(5, _start));

        await Poll.UntilAsync(async () => await database.CountRowsAsync() == 10, Timeout, "the valid records should be stored");
        await Poll.UntilAsync(
            () => Task.FromResult(DecodedTopic.CommittedBySink(_kafka.BootstrapServers, SinkWorkerTests.Partitions) == 6),
            Timeout,
            "every record, the dead-lettered one too, should be committed");
        var dead = await KafkaTestReader.ReadAsync(_kafka.BootstrapServers, KafkaTopics.DeadLetter, 1, Timeout);
        var record = Assert.Single(dead);
        Assert.Equal("f2-000000abc000", record.Message.Key);
        Assert.Equal("not a decoded message", Encoding.UTF8.GetString(record.Message.Value));
        Assert.Equal(DeadLetterReasons.RecordInvalid, Header(record.Message.Headers, RecordHeaders.Reason));
        Assert.Equal("sink", Header(record.Message.Headers, RecordHeaders.Stage));
        Assert.StartsWith("decoded_iot_data/", Header(record.Message.Headers, RecordHeaders.Source), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsCountRecordsRowsDuplicatesLatencyAndLagPerPartition()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres, applySchema: false);
        await using SinkHost sink = await SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString);
        using var meters = new SinkMeterRecorder(sink.Services.GetRequiredService<IMeterFactory>());
        DecodedMessage[] messages = DecodedTopic.DoorMessages(10, _start);

        await DecodedTopic.ProduceAsync(_kafka.BootstrapServers, messages);
        await DecodedTopic.ProduceAsync(_kafka.BootstrapServers, messages);

        await Poll.UntilAsync(() => Task.FromResult(meters.Sum("f2.sink.rows.duplicate") == 20), Timeout, "the second copies should count as duplicates");
        Assert.Equal(20, meters.Sum("f2.sink.records"));
        Assert.Equal(20, meters.Sum("f2.sink.rows.written"));
        Assert.Equal(40, meters.Sum("f2.sink.batch.size"));
        Assert.Equal(20, meters.Count("f2.sink.end_to_end.latency"));
        Assert.Equal(20, meters.Count("f2.sink.pipeline.latency"));
        Assert.True(meters.Count("f2.sink.commit.duration") > 0);
        await Poll.UntilAsync(
            () => Task.FromResult(meters.Observe("f2.sink.consumer.lag", "messaging.destination.partition.id") is { Count: SinkWorkerTests.Partitions } lag
                && lag.Values.All(value => value == 0)),
            Timeout,
            "every assigned partition should report a lag, 0 once all is consumed");
    }

    public void Dispose() => _kafka.Dispose();

    private static string Header(Confluent.Kafka.Headers headers, string name) => Encoding.UTF8.GetString(headers.GetLastBytes(name));
}

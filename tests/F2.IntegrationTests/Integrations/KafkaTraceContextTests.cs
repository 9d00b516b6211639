using System.Diagnostics;
using Confluent.Kafka;
using F2.Integrations.Telemetry;
using F2.Protocol;
using F2.Tests.Infrastructure;

namespace F2.Tests.Integrations;

[Collection(KafkaCollection.Name)]
public sealed class KafkaTraceContextTests(KafkaTestCluster kafka)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void TraceContextSurvivesAHeaderRoundTrip()
    {
        var context = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(),
            ActivityTraceFlags.Recorded, "vendor=abc,other=1");
        var headers = new Headers();

        TraceContext.Inject(context, headers);
        bool found = TraceContext.TryExtract(headers, out ActivityContext extracted);

        Assert.True(found);
        Assert.Equal(context.TraceId, extracted.TraceId);
        Assert.Equal(context.SpanId, extracted.SpanId);
        Assert.Equal(ActivityTraceFlags.Recorded, extracted.TraceFlags);
        Assert.Equal("vendor=abc,other=1", extracted.TraceState);
        Assert.True(extracted.IsRemote);
    }

    [Fact]
    public void InjectingReplacesAnEarlierTraceContext()
    {
        var headers = new Headers();
        TraceContext.Inject(new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, "old=1"), headers);
        var newer = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

        TraceContext.Inject(newer, headers);

        Assert.Single(headers, h => h.Key == RecordHeaders.TraceParent);
        Assert.DoesNotContain(headers, h => h.Key == RecordHeaders.TraceState);
        Assert.True(TraceContext.TryExtract(headers, out ActivityContext extracted));
        Assert.Equal(newer.SpanId, extracted.SpanId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("00-00000000000000000000000000000000-0000000000000000-01")]
    public void AMalformedTraceParentIsIgnored(string traceParent)
    {
        var headers = new Headers { { RecordHeaders.TraceParent, System.Text.Encoding.UTF8.GetBytes(traceParent) } };

        Assert.False(TraceContext.TryExtract(headers, out _));
    }

    [Fact]
    public async Task TheConsumerSpanContinuesTheProducerSpanAcrossKafka()
    {
        using var recorder = new ActivityRecorder();
        string topic = kafka.CreateUniqueTopic("trace");
        var headers = new Headers();
        using (IProducer<string, string> producer = new ProducerBuilder<string, string>(
            new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build())
        using (Activity? send = MessagingActivities.StartKafkaSend(recorder.Source, topic, "f2-0123456789ab", headers))
        {
            DeliveryResult<string, string> delivered = await producer
                .ProduceAsync(topic, new Message<string, string> { Key = "f2-0123456789ab", Value = "v", Headers = headers })
                .WaitAsync(Timeout);
            MessagingActivities.RecordKafkaDelivery(send, delivered.TopicPartitionOffset);
        }

        var record = Assert.Single(await KafkaTestReader.ReadAsync(kafka.BootstrapServers, topic, 1, Timeout).WaitAsync(Timeout * 2));
        using (MessagingActivities.StartKafkaProcess(recorder.Source, record, "f2-decoder"))
        {
        }

        Activity sent = Assert.Single(recorder.Stopped, a => a.Kind == ActivityKind.Producer);
        Activity processed = Assert.Single(recorder.Stopped, a => a.Kind == ActivityKind.Consumer);
        Assert.Equal(sent.TraceId, processed.TraceId);
        Assert.Equal(sent.SpanId, processed.ParentSpanId);
        Assert.Equal($"send {topic}", sent.DisplayName);
        Assert.Equal($"process {topic}", processed.DisplayName);
        Assert.Equal("kafka", processed.GetTagItem(MessagingAttributes.System));
        Assert.Equal("process", processed.GetTagItem(MessagingAttributes.OperationType));
        Assert.Equal(topic, processed.GetTagItem(MessagingAttributes.DestinationName));
        Assert.Equal("0", processed.GetTagItem(MessagingAttributes.DestinationPartitionId));
        Assert.Equal(0L, processed.GetTagItem(MessagingAttributes.KafkaOffset));
        Assert.Equal("f2-0123456789ab", processed.GetTagItem(MessagingAttributes.KafkaMessageKey));
        Assert.Equal("f2-decoder", processed.GetTagItem(MessagingAttributes.ConsumerGroupName));
        Assert.Equal(0L, sent.GetTagItem(MessagingAttributes.KafkaOffset));
    }

    [Fact]
    public void WithoutAListenerTheIncomingContextIsPassedOn()
    {
        using var unheard = new ActivitySource("F2.Tests.Unheard." + Guid.NewGuid().ToString("N"));
        var incoming = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var headers = new Headers();

        Activity? send = MessagingActivities.StartKafkaSend(unheard, "t", "k", headers, incoming);

        Assert.Null(send);
        Assert.True(TraceContext.TryExtract(headers, out ActivityContext written));
        Assert.Equal(incoming.SpanId, written.SpanId);
    }
}

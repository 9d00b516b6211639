using System.Diagnostics;
using System.Text;
using F2.DevKafka;
using F2.Protocol;
using F2.Tests.Infrastructure;

namespace F2.Tests.Ingest;

[Collection(MosquittoCollection.Name)]
public sealed class IngestForwardingTests(MosquittoServer mosquitto) : IDisposable
{
    private readonly MockKafkaCluster _kafka = StartKafka();

    [Fact]
    public async Task AValidMessageReachesRawIotDataWithTheDeviceKeyTheUnchangedBytesTheTopicAndTheReceivedTime()
    {
        string deviceId = IngestFixture.NewDeviceId();
        string topic = $"cmnd/{deviceId.ToUpperInvariant().Replace("F2-", "f2-", StringComparison.Ordinal)}/access-control-mode/J1/strike-1";
        byte[] payload = [.. "{\"timestamp\": \"2023-05-26 18:34:04.928538\", \"status\": true}"u8, 0xFF, 0x00];
        var traceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01";
        await using var ingest = await IngestFixture.StartAsync(IngestFixture.Settings(mosquitto, _kafka.BootstrapServers, NewClientId()));
        using var publisher = await IngestFixture.ConnectPublisherAsync(mosquitto);

        var before = DateTime.UtcNow;
        await IngestFixture.PublishAsync(publisher, topic, payload, traceParent);
        var records = await KafkaTestReader.ReadAsync(_kafka.BootstrapServers, KafkaTopics.Raw, 1, IngestFixture.Timeout);
        var after = DateTime.UtcNow;

        var record = Assert.Single(records);
        Assert.Equal(deviceId, record.Message.Key);
        Assert.Equal(payload, record.Message.Value);
        Assert.Equal(topic, Header(record, RecordHeaders.MqttTopic));
        Assert.True(UnixMicros.TryParse(record.Message.Headers.GetLastBytes(RecordHeaders.ReceivedAt), out var receivedAt));
        Assert.InRange(receivedAt, before.AddMilliseconds(-1), after);
        Assert.True(ActivityContext.TryParse(Header(record, RecordHeaders.TraceParent), null, out var context), "no traceparent header");
        Assert.Equal(traceParent.Split('-')[1], context.TraceId.ToString());
        Assert.Empty(await KafkaTestReader.ReadAsync(_kafka.BootstrapServers, KafkaTopics.DeadLetter, 1, TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData("cmnd/f2-e4fd45f654bg/access-control-mode/J1/strike-1", 20, 1000, "topic_invalid")]
    [InlineData("cmnd/f2-e4fd45f654be/access-control-mode/J5/strike-1", 20, 1000, "topic_invalid")]
    [InlineData("cmnd/f2-e4fd45f654be/access-control-mode/J1/strike-1", 1001, 1000, "payload_too_large")]
    public async Task ABadEnvelopeGoesToTheDeadLetterTopicWithItsReasonAndOriginalBytes(string topic, int payloadBytes, int maxPayloadBytes, string reason)
    {
        byte[] payload = Encoding.UTF8.GetBytes(new string('x', payloadBytes));
        var settings = IngestFixture.Settings(mosquitto, _kafka.BootstrapServers, NewClientId());
        settings["Ingest:MaxPayloadBytes"] = maxPayloadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var ingest = await IngestFixture.StartAsync(settings);
        using var publisher = await IngestFixture.ConnectPublisherAsync(mosquitto);

        await IngestFixture.PublishAsync(publisher, topic, payload);
        var records = await KafkaTestReader.ReadAsync(_kafka.BootstrapServers, KafkaTopics.DeadLetter, 1, IngestFixture.Timeout);

        var record = Assert.Single(records);
        Assert.Equal(payload, record.Message.Value);
        Assert.Equal(reason, Header(record, RecordHeaders.Reason));
        Assert.Equal("ingest", Header(record, RecordHeaders.Stage));
        Assert.Equal(topic, Header(record, RecordHeaders.MqttTopic));
        Assert.True(UnixMicros.TryParse(record.Message.Headers.GetLastBytes(RecordHeaders.ReceivedAt), out _));
        Assert.Empty(await KafkaTestReader.ReadAsync(_kafka.BootstrapServers, KafkaTopics.Raw, 1, TimeSpan.FromSeconds(1)));
    }

    public void Dispose() => _kafka.Dispose();

    internal static MockKafkaCluster StartKafka(int brokers = 1)
    {
        var kafka = MockKafkaCluster.Start(brokers);
        kafka.CreatePipelineTopics(1);
        return kafka;
    }

    internal static string NewClientId() => "f2-ingest-test-" + Guid.NewGuid().ToString("N")[..8];

    internal static string Header(Confluent.Kafka.ConsumeResult<string?, byte[]> record, string name)
        => Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(name));
}

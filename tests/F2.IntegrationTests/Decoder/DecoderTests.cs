using System.Text;
using Confluent.Kafka;
using F2.DevKafka;
using F2.Protocol;
using F2.Tests.EndToEnd;
using F2.Tests.Infrastructure;
using F2.Tests.Protocol.Vectors;

namespace F2.Tests.Decoder;

public sealed class DecoderTests : IDisposable
{
    internal const int Partitions = 3;

    private readonly MockKafkaCluster _kafka = StartKafka();

    [Fact]
    public async Task EveryRawRecordIsDecodedOrDeadLetteredAsTheVectorsSayWithItsSourceOffset()
    {
        var compatible = CompatibleVectors.Load();
        var parameters = new FixedParameterSource();
        parameters.Load(compatible.Parameters);
        var receivedAt = new DateTime(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc).AddTicks(1234560);
        var expected = new Dictionary<string, (DecodeVector? Vector, string Reason, byte[] Payload, string? Topic)>();
        using (var producer = DecoderFixture.CreateProducer(_kafka.BootstrapServers))
        {
            foreach (var vector in compatible.Vectors)
            {
                var raw = await DecoderFixture.ProduceRawAsync(producer, vector.Topic, vector.Payload, receivedAt);
                expected[DecoderFixture.Source(raw)] = (vector, vector.ExpectedError ?? "", vector.Payload, vector.Topic);
            }

            byte[] anonymous = "{\"timestamp\": \"2024-01-01 00:00:00\", \"status\": true}"u8.ToArray();
            expected[DecoderFixture.Source(await DecoderFixture.ProduceRawAsync(producer, null, anonymous, receivedAt))] = (null, "topic_invalid", anonymous, null);
            byte[] huge = Encoding.UTF8.GetBytes(new string(' ', MessageDecoder.DefaultMaxPayloadBytes + 1));
            const string HugeTopic = "cmnd/f2-e4fd45f654be/access-control-mode/J1/strike-1";
            expected[DecoderFixture.Source(await DecoderFixture.ProduceRawAsync(producer, HugeTopic, huge, receivedAt))] = (null, "payload_too_large", huge, HugeTopic);
        }

        await using var decoder = await DecoderFixture.StartAsync(DecoderFixture.Settings(_kafka.BootstrapServers), parameters);
        int decodedCount = expected.Values.Count(entry => entry.Reason.Length == 0);
        var decoded = await KafkaTestReader.ReadAsync(_kafka.BootstrapServers, KafkaTopics.Decoded, decodedCount, DecoderFixture.Timeout);
        var deadLetters = await KafkaTestReader.ReadAsync(_kafka.BootstrapServers, KafkaTopics.DeadLetter, expected.Count - decodedCount, DecoderFixture.Timeout);

        Assert.Equal(expected.Keys.Order(), decoded.Concat(deadLetters).Select(DecoderFixture.SourceOf).Order());
        foreach (var record in decoded)
        {
            var (vector, _, _, _) = expected[DecoderFixture.SourceOf(record)];
            Assert.True(DecodedMessageJson.TryDeserialize(record.Message.Value, out var message));
            Assert.Equal(vector!.Topic, message!.Topic);
            Assert.Equal(receivedAt, message.ReceivedAt);
            Assert.Equal(vector.ExpectedRows.Count, message.Rows.Count);
            for (int i = 0; i < message.Rows.Count; i++)
            {
                VectorJson.AssertRow(vector.ExpectedRows[i], message.Rows[i], $"{vector.Name} row {i}", TestReaderKey.Key);
            }

            Assert.Equal(message.Rows[0].DeviceId, record.Message.Key);
        }

        foreach (var record in deadLetters)
        {
            string source = DecoderFixture.SourceOf(record);
            var (vector, reason, payload, topic) = expected[source];
            Assert.True(reason.Length > 0, $"{vector?.Name ?? source} was dead-lettered, the vector expects rows");
            Assert.Equal(reason, Header(record, RecordHeaders.Reason));
            Assert.Equal("decoder", Header(record, RecordHeaders.Stage));
            Assert.Equal(payload, record.Message.Value);
            Assert.Equal(topic, Header(record, RecordHeaders.MqttTopic));
            Assert.True(UnixMicros.TryParse(record.Message.Headers.GetLastBytes(RecordHeaders.ReceivedAt), out var deadLetterReceivedAt));
            Assert.Equal(receivedAt, deadLetterReceivedAt);
        }
    }

    [Fact]
    public async Task TheDecoderWaitsForTheDeviceParametersInsteadOfDeadLetteringAsParamsMissing()
    {
        var compatible = CompatibleVectors.Load(vector => vector.ExpectedError is null);
        var vector = compatible.Vectors[0];
        var parameters = new FixedParameterSource();
        using (var producer = DecoderFixture.CreateProducer(_kafka.BootstrapServers))
        {
            await DecoderFixture.ProduceRawAsync(producer, vector.Topic, vector.Payload, DateTime.UtcNow);
        }

        await using var decoder = await DecoderFixture.StartAsync(DecoderFixture.Settings(_kafka.BootstrapServers), parameters);
        var early = await KafkaTestReader.ReadAsync(_kafka.BootstrapServers, KafkaTopics.DeadLetter, 1, TimeSpan.FromSeconds(3));
        parameters.Load(compatible.Parameters);
        var decoded = await KafkaTestReader.ReadAsync(_kafka.BootstrapServers, KafkaTopics.Decoded, 1, DecoderFixture.Timeout);

        Assert.Empty(early);
        Assert.Single(decoded);
        Assert.Empty(await KafkaTestReader.ReadAsync(_kafka.BootstrapServers, KafkaTopics.DeadLetter, 1, TimeSpan.FromSeconds(1)));
    }

    public void Dispose() => _kafka.Dispose();

    internal static MockKafkaCluster StartKafka(int brokers = 1)
    {
        var kafka = MockKafkaCluster.Start(brokers);
        kafka.CreatePipelineTopics(Partitions);
        kafka.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        return kafka;
    }

    private static string? Header(ConsumeResult<string?, byte[]> record, string name)
        => record.Message.Headers.TryGetLastBytes(name, out byte[] value) ? Encoding.UTF8.GetString(value) : null;
}

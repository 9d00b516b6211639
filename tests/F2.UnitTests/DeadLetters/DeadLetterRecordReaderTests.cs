using System.Text;
using Confluent.Kafka;
using F2.Protocol;
using F2.Sink;
using F2.Storage.DeadLetters;

namespace F2.Tests.DeadLetters;

public sealed class DeadLetterRecordReaderTests
{
    private static readonly DateTime Written = new(2026, 3, 14, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ADecoderDeadLetterIsKeptUnderTheCoordinatesOfTheRecordItStandsFor()
    {
        var deadLetter = new DeadLetter
        {
            Stage = StageNames.Decoder,
            Reason = "value_invalid",
            Payload = Encoding.UTF8.GetBytes("""{"v":"x"}"""),
            DeviceId = "f2-0000000000a1",
            MqttTopic = "cmnd/f2-0000000000a1/sensor-mode/J2/sensor-3",
            ReceivedAt = Written.AddSeconds(-1),
            Source = "raw_iot_data/4@1234",
            Detail = "value is not hex",
        };

        KeptDeadLetter kept = DeadLetterRecordReader.Read(Record(deadLetter.DeviceId, deadLetter.Payload, deadLetter.Headers()));

        Assert.Equal(new SourceCoordinates(KafkaTopics.Raw, 4, 1234), kept.Source);
        Assert.Equal((StageNames.Decoder, "value_invalid", "value is not hex"), (kept.Stage, kept.Reason, kept.Detail));
        Assert.Equal((deadLetter.DeviceId, deadLetter.MqttTopic, deadLetter.ReceivedAt), (kept.DeviceId, kept.MqttTopic, kept.ReceivedAt));
        Assert.Equal(deadLetter.Payload, kept.Payload);
        Assert.Equal(Written, kept.DeadLetteredAt);
    }

    [Fact]
    public void AnIngestDeadLetterOfABrokenTopicIsKeptUnderItsOwnCoordinatesWithNoDevice()
    {
        var deadLetter = new DeadLetter { Stage = StageNames.Ingest, Reason = "topic_invalid", Payload = [1, 2, 3], MqttTopic = "cmnd/nonsense" };

        KeptDeadLetter kept = DeadLetterRecordReader.Read(Record(null, deadLetter.Payload, deadLetter.Headers()));

        Assert.Equal(new SourceCoordinates(KafkaTopics.DeadLetter, 1, 77), kept.Source);
        Assert.Null(kept.DeviceId);
        Assert.Equal("cmnd/nonsense", kept.MqttTopic);
    }

    [Fact]
    public void ARecordWithoutDeadLetterHeadersIsStillKeptAsUnknownWithItsValue()
    {
        KeptDeadLetter kept = DeadLetterRecordReader.Read(Record("f2-0000000000a1", [9, 9], []));

        Assert.Equal((DeadLetterRecordReader.Unknown, DeadLetterRecordReader.Unknown), (kept.Stage, kept.Reason));
        Assert.Contains("not a dead letter", kept.Detail, StringComparison.Ordinal);
        Assert.Equal(new byte[] { 9, 9 }, kept.Payload);
        Assert.Equal(new SourceCoordinates(KafkaTopics.DeadLetter, 1, 77), kept.Source);
    }

    private static ConsumeResult<string?, byte[]?> Record(string? key, byte[] value, IEnumerable<KeyValuePair<string, byte[]>> headers)
    {
        var kafkaHeaders = new Headers();
        foreach ((string name, byte[] bytes) in headers)
        {
            kafkaHeaders.Add(name, bytes);
        }

        return new ConsumeResult<string?, byte[]?>
        {
            TopicPartitionOffset = new TopicPartitionOffset(KafkaTopics.DeadLetter, 1, 77),
            Message = new Message<string?, byte[]?> { Key = key, Value = value, Headers = kafkaHeaders, Timestamp = new Timestamp(Written) },
        };
    }
}

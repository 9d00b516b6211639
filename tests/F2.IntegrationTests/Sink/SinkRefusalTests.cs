using System.Text;
using Confluent.Kafka;
using F2.DevKafka;
using F2.Protocol;
using F2.Tests.Decoder;
using F2.Tests.Infrastructure;
using F2.Tests.Storage;

namespace F2.Tests.Sink;

/// <summary>Rows PostgreSQL refuses (issue 11, point 2): the refused record is a dead letter, every other row is stored.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SinkRefusalTests(PostgresServer postgres) : IDisposable
{
    private const int Messages = 20;
    private const int RefusedIndex = 13;

    private readonly MockKafkaCluster _kafka = SinkWorkerTests.StartKafka();
    private readonly DateTime _start = DateTime.UtcNow.Date.AddHours(5);

    [Fact]
    public async Task ARowRefusedByAnOperatorsCheckIsDeadLetteredWithItsOriginalMqttBytesAndEveryOtherRowIsStored()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        await database.ScalarAsync("ALTER TABLE iot_measurements ADD CONSTRAINT operator_limit CHECK (value IS NULL OR value < 1000); SELECT 0");
        List<(TopicPartitionOffset Raw, string Topic, byte[] Payload)> raws = await ProduceRawAsync();
        DecodedMessage[] decoded = [.. raws.Select((raw, i) => TelemetryDatabase.SensorMessage(Device, _start.AddSeconds(i), i == RefusedIndex ? 5_000 : i)
            with { SourcePartition = raw.Raw.Partition.Value, SourceOffset = raw.Raw.Offset.Value })];

        await using SinkHost sink = await SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString);
        await DecodedTopic.ProduceAsync(_kafka.BootstrapServers, decoded);

        await AssertSettledAsync(database, sink);
        ConsumeResult<string?, byte[]> dead = await SingleDeadLetterAsync();
        Assert.Equal(raws[RefusedIndex].Payload, dead.Message.Value);
        Assert.Equal(Device, dead.Message.Key);
        Assert.Equal(raws[RefusedIndex].Topic, Header(dead, RecordHeaders.MqttTopic));
        Assert.Contains("operator_limit", Header(dead, RecordHeaders.Detail), StringComparison.Ordinal);
        Assert.Contains($"original {DecoderFixture.Source(raws[RefusedIndex].Raw)}", Header(dead, RecordHeaders.Detail), StringComparison.Ordinal);
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM iot_measurements WHERE value >= 1000"));
    }

    [Fact]
    public async Task ARefusedRowWhoseOriginalIsGoneIsStillDeadLetteredWithTheDecodedRecordAndSaysSo()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        await database.ScalarAsync("ALTER TABLE iot_measurements ADD CONSTRAINT operator_limit CHECK (value IS NULL OR value < 1000); SELECT 0");
        DecodedMessage[] decoded = [.. Enumerable.Range(0, Messages).Select(i => TelemetryDatabase.SensorMessage(Device, _start.AddSeconds(i), i == RefusedIndex ? 5_000 : i)
            with { SourceOffset = 1_000 + i })];

        await using SinkHost sink = await SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString);
        await DecodedTopic.ProduceAsync(_kafka.BootstrapServers, decoded);

        await AssertSettledAsync(database, sink);
        ConsumeResult<string?, byte[]> dead = await SingleDeadLetterAsync();
        Assert.Equal(DecodedMessageJson.Serialize(decoded[RefusedIndex]), dead.Message.Value);
        Assert.Contains($"the original {KafkaTopics.Raw}/0@{1_000 + RefusedIndex} could not be read", Header(dead, RecordHeaders.Detail), StringComparison.Ordinal);
    }

    public void Dispose() => _kafka.Dispose();

    private const string Device = "f2-0000000000b7";

    private async Task<List<(TopicPartitionOffset Raw, string Topic, byte[] Payload)>> ProduceRawAsync()
    {
        using IProducer<string?, byte[]> producer = DecoderFixture.CreateProducer(_kafka.BootstrapServers);
        var raws = new List<(TopicPartitionOffset, string, byte[])>();
        for (int i = 0; i < Messages; i++)
        {
            string topic = $"cmnd/{Device}/sensor-mode/J2/sensor-3";
            byte[] payload = Encoding.UTF8.GetBytes($$"""{"timestamp":"2026-12-03T05:00:{{i:00}}Z","value":"message {{i}}"}""");
            raws.Add((await DecoderFixture.ProduceRawAsync(producer, topic, payload, DateTime.UtcNow), topic, payload));
        }

        return raws;
    }

    /// <summary>Every row but the refused one stored, every record committed, and the sink still running.</summary>
    private async Task AssertSettledAsync(TelemetryDatabase database, SinkHost sink)
    {
        await Poll.UntilAsync(
            () => Task.FromResult(sink.Stopping.IsCancellationRequested || DecodedTopic.CommittedBySink(_kafka.BootstrapServers, SinkWorkerTests.Partitions) == Messages),
            TelemetryDatabase.Timeout,
            "every record, the refused one too, should be committed");
        Assert.False(sink.Stopping.IsCancellationRequested, "one refused row must not stop the sink");
        Assert.Equal(Messages - 1, await database.CountRowsAsync());
    }

    private async Task<ConsumeResult<string?, byte[]>> SingleDeadLetterAsync()
    {
        IReadOnlyList<ConsumeResult<string?, byte[]>> dead = await KafkaTestReader.ReadAsync(_kafka.BootstrapServers, KafkaTopics.DeadLetter, 1, TelemetryDatabase.Timeout);
        ConsumeResult<string?, byte[]> record = Assert.Single(dead);
        Assert.Equal(DeadLetterReasons.RecordInvalid, Header(record, RecordHeaders.Reason));
        Assert.Equal("sink", Header(record, RecordHeaders.Stage));
        Assert.StartsWith($"{KafkaTopics.Decoded}/", Header(record, RecordHeaders.Source), StringComparison.Ordinal);
        return record;
    }

    private static string Header(ConsumeResult<string?, byte[]> record, string name)
        => Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(name));
}

using System.Text;
using Confluent.Kafka;
using F2.DevKafka;
using F2.Protocol;
using F2.Sink;
using F2.Storage.DeadLetters;
using F2.Tests.Infrastructure;
using F2.Tests.Sink;
using F2.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace F2.Tests.DeadLetters;

/// <summary>The Sink's dead-letter store: <c>dead_letter_iot_data</c> on the development Kafka stand-in to <c>dead_letters</c> in a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DeadLetterStoreWorkerTests(PostgresServer postgres) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly MockKafkaCluster _kafka = SinkWorkerTests.StartKafka();

    [Fact]
    public async Task DeadLettersOfEveryStageAreKeptWithTheirOriginalBytesOnceEachAndOnlyTheInsertedOnesAreCounted()
    {
        // Given a running Sink
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres, applySchema: false);
        await using SinkHost sink = await SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString);
        using var meters = new SinkMeterRecorder(sink.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var ingest = new DeadLetter
        {
            Stage = StageNames.Ingest, Reason = "payload_invalid", Payload = [0xff, 0x00, 0x41], DeviceId = "f2-0000000000a1",
            MqttTopic = "cmnd/f2-0000000000a1/sensor-mode/J2/sensor-3",
        };
        var brokenTopic = new DeadLetter { Stage = StageNames.Ingest, Reason = "topic_invalid", Payload = Encoding.UTF8.GetBytes("x=1"), MqttTopic = "cmnd/nonsense" };
        var decoder = new DeadLetter
        {
            Stage = StageNames.Decoder, Reason = "params_missing", Payload = Encoding.UTF8.GetBytes("""{"v":"0a"}"""), DeviceId = "f2-0000000000a2",
            MqttTopic = "cmnd/f2-0000000000a2/sensor-mode/J2/sensor-3", Source = "raw_iot_data/1@42", Detail = "no parameters",
        };
        var sinkLetter = new DeadLetter
        {
            Stage = StageNames.Sink, Reason = "record_invalid", Payload = Encoding.UTF8.GetBytes("""{"v":"0b"}"""), DeviceId = "f2-0000000000a3",
            MqttTopic = "cmnd/f2-0000000000a3/sensor-mode/J2/sensor-3", Source = "decoded_iot_data/0@5",
        };

        // When each is produced to dead_letter_iot_data, the Decoder's twice (as after a kill -9), and a record without headers
        using (IProducer<string?, byte[]> producer = new ProducerBuilder<string?, byte[]>(
            new ProducerConfig { BootstrapServers = _kafka.BootstrapServers, Acks = Acks.All }).Build())
        {
            foreach (DeadLetter deadLetter in new[] { ingest, brokenTopic, decoder, decoder, sinkLetter })
            {
                await ProduceAsync(producer, deadLetter.DeviceId, deadLetter.Payload, deadLetter.Headers());
            }

            await ProduceAsync(producer, "f2-0000000000a4", [9, 9], []);
        }

        // Then, once all six records are committed by the store's own group, five rows are there
        await Poll.UntilAsync(
            async () => Committed(_kafka.BootstrapServers, "f2-deadletter-store") == 6 && await database.ScalarAsync("SELECT count(*) FROM dead_letters") >= 5,
            Timeout,
            "the store should keep every dead letter and commit all six records");
        Assert.Equal(5, await database.ScalarAsync("SELECT count(*) FROM dead_letters"));
        string[] expected =
            [
                "decoded_iot_data|0|5|sink|record_invalid|null|f2-0000000000a3|{\"v\":\"0b\"}",
                "dead_letter_iot_data|ingest|payload_invalid|null|f2-0000000000a1|\\xff0041",
                "dead_letter_iot_data|ingest|topic_invalid|null|null|x=1",
                "dead_letter_iot_data|unknown|unknown|not a dead letter: no f2-reason or f2-stage header|f2-0000000000a4|\\x0909",
                "raw_iot_data|1|42|decoder|params_missing|no parameters|f2-0000000000a2|{\"v\":\"0a\"}",
            ];
        Assert.Equal(
            expected.Order(StringComparer.Ordinal),
            (await database.RowsAsync(
                """
                SELECT CASE WHEN source_topic = 'dead_letter_iot_data' THEN source_topic ELSE source_topic || '|' || source_partition || '|' || source_offset END,
                       stage, reason, detail, device_id,
                       CASE WHEN stage IN ('decoder', 'sink') OR reason = 'topic_invalid' THEN convert_from(payload, 'UTF8') ELSE payload::text END
                FROM dead_letters ORDER BY 1, 2, 3
                """)).Order(StringComparer.Ordinal));
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM dead_letters WHERE mqtt_topic = 'cmnd/nonsense' AND device_id IS NULL"));

        // And the metric counts the five inserted rows, not the redelivered one
        Assert.Equal(5, meters.Sum("f2.deadletters.stored"));
        Assert.Equal(2, meters.Sum("f2.deadletters.stored", "stage", StageNames.Ingest));
        Assert.Equal(1, meters.Sum("f2.deadletters.stored", "reason", "params_missing"));
        Assert.Equal(1, meters.Sum("f2.deadletters.stored", "reason", DeadLetterRecordReader.Unknown));

        // And the store's state is in the Sink's health
        HealthReport health = await sink.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(Timeout);
        Assert.Equal(HealthStatus.Healthy, health.Entries["deadletter-store"].Status);
    }

    [Fact]
    public async Task WhileTheDatabaseRefusesDeadLettersNoOffsetMovesAndOnceItAcceptsThemTheyAreKeptAndCommitted()
    {
        // Given a dead_letters table whose inserts fail with an error the store retries (serialization failure),
        // counting each attempt in a sequence, which no rollback undoes
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        await database.RefuseInsertsAsync("dead_letters", atCommit: false);
        await using SinkHost sink = await SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString, overrides: new Dictionary<string, string?>
        {
            ["DeadLetters:RetryMaxDelay"] = "00:00:00.200",
        });

        // When a dead letter arrives and the store has tried to keep it at least three times
        using (IProducer<string?, byte[]> producer = new ProducerBuilder<string?, byte[]>(
            new ProducerConfig { BootstrapServers = _kafka.BootstrapServers, Acks = Acks.All }).Build())
        {
            await ProduceAsync(producer, "f2-0000000000a5", [7], []);
        }

        await Poll.UntilAsync(
            async () => await database.RefusedAsync("dead_letters") >= 3,
            Timeout,
            "the store should keep retrying the refused insert");

        // Then its offset is not committed: a store that committed before the database did fails here
        Assert.Equal(0, Committed(_kafka.BootstrapServers, "f2-deadletter-store"));
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM dead_letters"));
        HealthReport health = await sink.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(Timeout);
        Assert.Equal(HealthStatus.Degraded, health.Entries["deadletter-store"].Status);

        // And once the database accepts it, it is kept and committed
        await database.AcceptInsertsAsync("dead_letters");
        await Poll.UntilAsync(
            async () => Committed(_kafka.BootstrapServers, "f2-deadletter-store") == 1,
            Timeout,
            "the store should commit the dead letter once it is kept");
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM dead_letters WHERE device_id = 'f2-0000000000a5'"));
    }

    [Fact]
    public async Task TheSinkDeletesDeadLettersOlderThanTheRetentionOnItsOwn()
    {
        // Given dead letters written two days and one hour ago, and a Sink keeping them one day
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        var store = new DeadLetterStore(database.DataSource);
        DateTime now = DateTime.UtcNow;
        store.Insert([Kept(offset: 1, now.AddDays(-2)), Kept(offset: 2, now.AddHours(-1))]);

        // When the Sink runs with its retention applied every second
        await using SinkHost sink = await SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString, overrides: new Dictionary<string, string?>
        {
            ["DeadLetters:Retention"] = "1.00:00:00",
            ["DeadLetters:RetentionInterval"] = "00:00:01",
        });

        // Then the older one goes and the recent one stays
        await Poll.UntilAsync(
            async () => await database.ScalarAsync("SELECT count(*) FROM dead_letters WHERE source_offset = 1") == 0,
            Timeout,
            "the retention should delete the dead letter of two days ago");
        Assert.Equal(["2"], await database.RowsAsync("SELECT source_offset FROM dead_letters"));
    }

    public void Dispose() => _kafka.Dispose();

    private static KeptDeadLetter Kept(long offset, DateTime deadLetteredAt) => new()
    {
        Source = new SourceCoordinates(KafkaTopics.Raw, 0, offset),
        Stage = StageNames.Decoder,
        Reason = "params_missing",
        Payload = [1],
        DeadLetteredAt = deadLetteredAt,
    };

    private static Task ProduceAsync(IProducer<string?, byte[]> producer, string? key, byte[] value, IEnumerable<KeyValuePair<string, byte[]>> headers)
    {
        var kafkaHeaders = new Headers();
        foreach ((string name, byte[] bytes) in headers)
        {
            kafkaHeaders.Add(name, bytes);
        }

        return producer.ProduceAsync(KafkaTopics.DeadLetter, new Message<string?, byte[]> { Key = key, Value = value, Headers = kafkaHeaders }).WaitAsync(Timeout);
    }

    /// <summary>The offsets <paramref name="group"/> has committed on dead_letter_iot_data, summed over its partitions.</summary>
    private static long Committed(string bootstrapServers, string group)
    {
        using IConsumer<Ignore, Ignore> consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = group }).Build();
        return consumer.Committed(
                Enumerable.Range(0, SinkWorkerTests.Partitions).Select(partition => new TopicPartition(KafkaTopics.DeadLetter, partition)), TimeSpan.FromSeconds(10))
            .Sum(offset => Math.Max(0, offset.Offset.Value));
    }
}

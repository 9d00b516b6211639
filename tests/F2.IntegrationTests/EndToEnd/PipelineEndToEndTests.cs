using System.Globalization;
using System.Text;
using F2.Integrations.Kafka;
using F2.Protocol;
using F2.Tests.Infrastructure;
using F2.Tests.Ingest;
using F2.Tests.Protocol.Vectors;
using F2.Tests.Storage;
using MQTTnet;

namespace F2.Tests.EndToEnd;

/// <summary>Issue 3 item 7: the shared vectors through Mosquitto, Ingest, the Kafka stand-in, the Decoder and the Sink.</summary>
[Collection(PipelineCollection.Name)]
public sealed class PipelineEndToEndTests(MosquittoServer mosquitto, PostgresServer postgres)
{
    private const string OversizedTopic = "cmnd/f2-e4fd45f654be/access-control-mode/J1/strike-1";

    [Fact]
    public async Task VectorMessagesLandAsExactlyTheRowsTheVectorsPredict()
    {
        var messages = PublishableVectors();
        var good = messages.Vectors.Where(vector => vector.ExpectedError is null).ToList();
        var expectedRows = good.SelectMany(vector => vector.ExpectedRows.Select(row => (vector.Topic, Row: row))).ToList();
        var expectedDeadLetters = messages.Vectors.Where(vector => vector.ExpectedError is not null)
            .Select(vector => (vector.Topic, Reason: vector.ExpectedError!, vector.Payload))
            .Append((OversizedTopic, "payload_too_large", Oversized()))
            .ToList();
        await using var pipeline = await PipelineRun.StartAsync(mosquitto, postgres, messages.Parameters);

        await PublishAllAsync(messages.Vectors);
        await Poll.UntilAsync(async () => await CountRowsAsync(pipeline) >= expectedRows.Count && pipeline.SinkHasCaughtUp(good.Count), PipelineRun.Timeout, "the rows never all arrived");
        var deadLetters = await KafkaTestReader.ReadAsync(pipeline.Kafka.BootstrapServers, KafkaTopics.DeadLetter, expectedDeadLetters.Count, PipelineRun.Timeout);
        var rows = await ReadRowsAsync(pipeline);

        AssertRowsAreTheVectorsRows(expectedRows, rows);
        Assert.Equal(
            expectedDeadLetters.Select(Describe).Order(),
            deadLetters.Select(record => Describe((Header(record, RecordHeaders.MqttTopic), Header(record, RecordHeaders.Reason), record.Message.Value))).Order());

        await PublishAllAsync(messages.Vectors);
        await Poll.UntilAsync(() => Task.FromResult(pipeline.SinkHasCaughtUp(2L * good.Count)), PipelineRun.Timeout, "the second round never reached the sink");
        Assert.Equal(rows, await ReadRowsAsync(pipeline));
    }

    /// <summary>
    /// The compatible vectors that a device can publish to the subscription (<c>cmnd/...</c>), without two whose rows
    /// share a natural key (the second would rightly add no row).
    /// </summary>
    private static CompatibleVectors PublishableVectors()
    {
        var keys = new HashSet<string>();
        return CompatibleVectors.Load(vector => vector.Topic.StartsWith("cmnd/", StringComparison.Ordinal)
            && (vector.ExpectedError is not null || vector.ExpectedRows.All(row => keys.Add(NaturalKey(vector.Topic, row)))));
    }

    private static string NaturalKey(string topic, System.Text.Json.JsonElement row)
        => $"{topic}|{row.GetProperty("pin_position").GetInt32()}|{row.GetProperty("time").GetString()}";

    private static byte[] Oversized() => Encoding.UTF8.GetBytes($"{{\"timestamp\": \"2024-01-01 00:00:00\", \"status\": true, \"pad\": \"{new string('x', MessageDecoder.DefaultMaxPayloadBytes)}\"}}");

    private async Task PublishAllAsync(IReadOnlyList<DecodeVector> vectors)
    {
        using var publisher = await IngestFixture.ConnectPublisherAsync(mosquitto);
        foreach (var vector in vectors)
        {
            await IngestFixture.PublishAsync(publisher, vector.Topic, vector.Payload);
        }

        await IngestFixture.PublishAsync(publisher, OversizedTopic, Oversized());
        await publisher.DisconnectAsync().WaitAsync(PipelineRun.Timeout);
    }

    private static void AssertRowsAreTheVectorsRows(List<(string Topic, System.Text.Json.JsonElement Row)> expected, List<(string Topic, DecodedRow Row)> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        var byKey = expected.ToDictionary(entry => NaturalKey(entry.Topic, entry.Row));
        foreach (var (topic, row) in actual)
        {
            string key = $"{topic}|{row.PinPosition}|{row.Time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)}";
            Assert.True(byKey.TryGetValue(key, out var want), $"unexpected row {key}");
            VectorJson.AssertRow(want.Row, row, key, TestReaderKey.Key);
        }
    }

    private static async Task<long> CountRowsAsync(PipelineRun pipeline)
    {
        await using var command = pipeline.Telemetry.CreateCommand("SELECT count(*) FROM iot_measurements");
        return (long)(await command.ExecuteScalarAsync().WaitAsync(PipelineRun.Timeout))!;
    }

    private static async Task<List<(string Topic, DecodedRow Row)>> ReadRowsAsync(PipelineRun pipeline)
    {
        await using var command = pipeline.Telemetry.CreateCommand(
            """
            SELECT time, device_id, connector_mode, connector, component_type, component_id, pin_position, value, value_text, unit, topic
            FROM iot_measurements ORDER BY topic, pin_position, time
            """);
        await using var reader = await command.ExecuteReaderAsync().WaitAsync(PipelineRun.Timeout);
        var rows = new List<(string, DecodedRow)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(10), new DecodedRow(
                reader.GetFieldValue<DateTime>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetDouble(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetString(9))));
        }

        return rows;
    }

    private static string Describe((string? Topic, string? Reason, byte[] Payload) deadLetter)
        => $"{deadLetter.Topic} {deadLetter.Reason} {Convert.ToBase64String(deadLetter.Payload)}";

    private static string? Header(Confluent.Kafka.ConsumeResult<string?, byte[]> record, string name)
        => record.Message.Headers.TryGetString(name, out string value) ? value : null;
}

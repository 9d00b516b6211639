using F2.Tests.EndToEnd;
using F2.Tests.Ingest;
using F2.Tests.Storage;
using Npgsql;

namespace F2.Tests.Privacy;

/// <summary>
/// Every reader-privacy vector through the whole pipeline: a reader message published over MQTT, Ingest, the Kafka
/// stand-in, the Decoder (with the vector's key) and the Sink; its <c>value_text</c> read back from PostgreSQL.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ReaderPrivacyPipelineTests(MosquittoServer mosquitto, PostgresServer postgres, PrivacyPipelines pipelines)
    : IClassFixture<PrivacyPipelines>
{
    public static TheoryData<PrivacyVector> Vectors() => PrivacyVector.All();

    [Theory]
    [MemberData(nameof(Vectors))]
    public async Task AReaderMessageIsStoredInTheVectorsFormOnly(PrivacyVector vector)
    {
        var pipeline = await pipelines.ForKeyAsync(mosquitto, postgres, vector.KeyBase64);
        string deviceId = IngestFixture.NewDeviceId();
        using (var device = await IngestFixture.ConnectPublisherAsync(mosquitto))
        {
            await IngestFixture.PublishAsync(device, $"cmnd/{deviceId}/access-control-mode/J3/reader-1", vector.ReaderPayload("2026-12-03 09:00:00"));
        }

        List<string> stored = [];
        await Poll.UntilAsync(async () => (stored = await ValueTextsAsync(pipeline.Telemetry, deviceId)).Count > 0, PipelineRun.Timeout, $"{vector.Name}: no row arrived");

        Assert.Equal([vector.Stored], stored);
    }

    private static async Task<List<string>> ValueTextsAsync(NpgsqlDataSource telemetry, string deviceId)
    {
        await using var command = telemetry.CreateCommand("SELECT value_text FROM iot_measurements WHERE device_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = deviceId });
        try
        {
            await using var reader = await command.ExecuteReaderAsync().WaitAsync(PipelineRun.Timeout);
            var texts = new List<string>();
            while (await reader.ReadAsync())
            {
                texts.Add(reader.GetString(0));
            }

            return texts;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return []; // the Sink has not applied its schema yet
        }
    }
}

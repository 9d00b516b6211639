using System.Security.Cryptography;
using System.Text;
using F2.DevKafka;
using F2.Hosting.Mosquitto;
using F2.Ingest;
using F2.Integrations.DeviceParameters;
using F2.Protocol;
using F2.Testing.BadInput;
using F2.Tests.EndToEnd;
using F2.Tests.Infrastructure;
using F2.Tests.Ingest;
using F2.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace F2.Tests.Security;

/// <summary>
/// Passwords, the reader key and reader texts never reach a log line: Ingest, the Decoder and the Sink run at Trace
/// level with a provider that keeps every entry (message, structured values, exceptions), through a normal run, a
/// canary credential read (stored, and dead-lettered) and a refused MQTT login. The canary is in no span and no metric
/// tag either, and is kept only where the spec allows it: <c>raw_iot_data</c> and <c>dead_letter_iot_data</c>.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class SecretLoggingTests(MosquittoServer mosquitto, PostgresServer postgres)
{
    /// <summary>PostgreSQL here trusts local connections, so a password in the connection string is accepted and ignored.</summary>
    private const string DatabasePassword = "db-secret-7c1e9a";

    [Fact]
    public async Task NoPasswordKeyOrReaderTextAppearsInAnyLogEntrySpanOrMetricTagOfIngestDecoderOrSinkAtTraceLevel()
    {
        using var telemetryTexts = new TelemetryTextRecorder();
        string canary = "04" + RandomNumberGenerator.GetHexString(12);
        string readerDevice = IngestFixture.NewDeviceId();
        string readerTopic = $"cmnd/{readerDevice}/access-control-mode/J3/reader-1";
        using var kafka = MockKafkaCluster.Start();
        kafka.CreatePipelineTopics(1);
        kafka.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        var logs = new CapturingLoggerProvider();
        string devicedb = WithPassword(await postgres.CreateUniqueDatabaseAsync("devicedb").WaitAsync(IngestFixture.Timeout));
        string telemetrydb = WithPassword(await postgres.CreateUniqueDatabaseAsync("telemetrydb").WaitAsync(IngestFixture.Timeout));
        var wrong = new MosquittoUser(mosquitto.ServiceUser.Name, "wrong-" + Guid.NewGuid().ToString("N"), MosquittoRole.Service);

        await using (var deviceData = NpgsqlDataSource.Create(devicedb))
        {
            var store = new DeviceParameterStore(deviceData);
            await store.EnsureSchemaAsync().WaitAsync(IngestFixture.Timeout);
            await store.ReplaceAllAsync(BadInputCorpus.DeviceParameters).WaitAsync(IngestFixture.Timeout);
        }

        await using (await StartAsync(logs, builder => builder.AddSink(), ("ConnectionStrings:kafka", kafka.BootstrapServers), ("ConnectionStrings:telemetrydb", telemetrydb)))
        await using (await StartAsync(logs, builder => builder.AddDecoder(), ("ConnectionStrings:kafka", kafka.BootstrapServers), ("ConnectionStrings:devicedb", devicedb),
            (TestReaderKey.Setting.Key, TestReaderKey.Base64)))
        await using (var ingest = await StartAsync(logs, builder => builder.AddIngest(), ("ConnectionStrings:kafka", kafka.BootstrapServers), ("ConnectionStrings:mqtt", mosquitto.ConnectionString)))
        await using (var telemetry = NpgsqlDataSource.Create(telemetrydb))
        using (var deadLetters = new TopicTail(kafka.BootstrapServers, KafkaTopics.DeadLetter, partitions: 1))
        {
            await Poll.UntilAsync(() => Task.FromResult(ingest.Get<IngestStatus>().MqttConnected), IngestFixture.Timeout, "Ingest never connected");
            using var device = await IngestFixture.ConnectPublisherAsync(mosquitto);
            var valid = BadInputCorpus.ValidMessage(IngestFixture.NewDeviceId());
            await IngestFixture.PublishAsync(device, Encoding.UTF8.GetString(valid.Topic), valid.Payload);
            await IngestFixture.PublishAsync(device, "cmnd/not-a-device/x", "garbage"u8.ToArray());
            await IngestFixture.PublishAsync(device, readerTopic, ReaderMessage("2026-12-03 09:00:00", canary));
            await IngestFixture.PublishAsync(device, readerTopic, ReaderMessage("not a time", canary));
            await Poll.UntilAsync(async () => deadLetters.Count >= 2 && await RowsAsync(telemetry) >= 2, IngestFixture.Timeout, "the messages never reached the dead-letter topic and the table");
            Assert.Equal([TestReaderKey.Key.StoredForm(canary)], await ReaderTextsAsync(telemetry));
        }

        await using (await StartAsync(logs, builder => builder.AddIngest(), ("ConnectionStrings:kafka", kafka.BootstrapServers), ("ConnectionStrings:mqtt", mosquitto.ConnectionStringFor(wrong))))
        {
            await Poll.UntilAsync(() => Task.FromResult(logs.Entries.Any(entry => entry.Contains("refused", StringComparison.OrdinalIgnoreCase))), IngestFixture.Timeout, "the refused login was never logged");
        }

        Assert.NotEmpty(logs.Entries);
        foreach (string secret in new[] { mosquitto.ServiceUser.Password, wrong.Password, DatabasePassword, TestReaderKey.Base64, canary })
        {
            Assert.DoesNotContain(logs.Entries, entry => entry.Contains(secret, StringComparison.Ordinal)
                || entry.Contains(Uri.EscapeDataString(secret), StringComparison.Ordinal));
        }

        Assert.Contains(telemetryTexts.Spans, span => span.Contains(readerDevice, StringComparison.Ordinal));
        Assert.DoesNotContain(telemetryTexts.Spans, span => span.Contains(canary, StringComparison.Ordinal));
        Assert.NotEmpty(telemetryTexts.MetricTags);
        Assert.DoesNotContain(telemetryTexts.MetricTags, tags => tags.Contains(canary, StringComparison.Ordinal));
        Assert.Equal(2, await CountHoldingAsync(kafka, KafkaTopics.Raw, 3, canary));
        Assert.Equal(1, await CountHoldingAsync(kafka, KafkaTopics.DeadLetter, 2, canary));
        Assert.Equal(0, await CountHoldingAsync(kafka, KafkaTopics.Decoded, 2, canary));
    }

    private static byte[] ReaderMessage(string timestamp, string text) => Encoding.UTF8.GetBytes($"{{\"timestamp\": \"{timestamp}\", \"data\": \"{text}\"}}");

    /// <summary>How many of the <paramref name="records"/> records of <paramref name="topic"/> hold <paramref name="text"/> in their key, value or headers.</summary>
    private static async Task<int> CountHoldingAsync(MockKafkaCluster kafka, string topic, int records, string text)
    {
        var all = await KafkaTestReader.ReadAsync(kafka.BootstrapServers, topic, records, IngestFixture.Timeout);
        Assert.Equal(records, all.Count);
        return all.Count(record => $"{record.Message.Key} {Encoding.UTF8.GetString(record.Message.Value)} {string.Join(" ", record.Message.Headers.Select(header => Encoding.UTF8.GetString(header.GetValueBytes())))}"
            .Contains(text, StringComparison.Ordinal));
    }

    private static async Task<List<string>> ReaderTextsAsync(NpgsqlDataSource telemetry)
    {
        await using var command = telemetry.CreateCommand("SELECT value_text FROM iot_measurements WHERE component_type = 'qr-nfc-reader'");
        await using var reader = await command.ExecuteReaderAsync().WaitAsync(IngestFixture.Timeout);
        var texts = new List<string>();
        while (await reader.ReadAsync())
        {
            texts.Add(reader.GetString(0));
        }

        return texts;
    }

    private static async Task<long> RowsAsync(NpgsqlDataSource telemetry)
    {
        await using var command = telemetry.CreateCommand("SELECT count(*) FROM iot_measurements");
        try
        {
            return (long)(await command.ExecuteScalarAsync().WaitAsync(IngestFixture.Timeout))!;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0; // the Sink has not applied its schema yet
        }
    }

    private static string WithPassword(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { Password = DatabasePassword }.ConnectionString;

    private static Task<ServiceHost> StartAsync(CapturingLoggerProvider logs, Action<HostApplicationBuilder> addService, params (string Key, string Value)[] settings)
    {
        var configuration = settings.ToDictionary(setting => setting.Key, setting => (string?)setting.Value);
        configuration["Ingest:ClientId"] = "f2-ingest-secrets-" + Guid.NewGuid().ToString("N")[..8];
        configuration["Kafka:ConsumerSessionTimeout"] = "00:00:02";
        return ServiceHost.StartAsync(configuration, addService, services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.Configure<LoggerFilterOptions>(options => options.MinLevel = LogLevel.Trace);
        });
    }
}

using Confluent.Kafka;
using F2.DevKafka;
using F2.Integrations.DeviceParameters;
using F2.Protocol;
using F2.Tests.EndToEnd;
using F2.Tests.Infrastructure;
using F2.Tests.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace F2.Tests.Decoder;

/// <summary>A Decoder started against an unseeded devicedb waits for rows instead of dead-lettering its backlog.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DecoderEmptyParametersTests(PostgresServer postgres) : IDisposable
{
    private const int Partitions = 3;

    private readonly MockKafkaCluster _kafka = DecoderTests.StartKafka();

    [Fact]
    public async Task GivenAnEmptyParameterTableTheDecoderConsumesNothingAndSaysWhyThenDecodesOnceRowsAppear()
    {
        var compatible = CompatibleVectors.Load(vector => vector.ExpectedError is null);
        string devicedb = await postgres.CreateUniqueDatabaseAsync("devicedb").WaitAsync(DecoderFixture.Timeout);
        using (var producer = DecoderFixture.CreateProducer(_kafka.BootstrapServers))
        {
            foreach (var vector in compatible.Vectors)
            {
                await DecoderFixture.ProduceRawAsync(producer, vector.Topic, vector.Payload, DateTime.UtcNow);
            }
        }

        var settings = DecoderFixture.Settings(_kafka.BootstrapServers);
        settings["ConnectionStrings:devicedb"] = devicedb;
        settings["Decoder:ParameterRefreshInterval"] = "00:00:00.200";
        await using var decoder = await ServiceHost.StartAsync(settings, builder => builder.AddDecoder());
        var health = decoder.Get<HealthCheckService>();

        // Given: several refreshes of the empty table have happened (the health check names the empty table).
        HealthReport waiting = null!;
        await Poll.UntilAsync(
            async () => (waiting = await health.CheckHealthAsync()).Entries.TryGetValue("device-parameters", out var entry)
                && entry.Description?.Contains("params load", StringComparison.Ordinal) == true,
            DecoderFixture.Timeout,
            "the Decoder's health should say that device_parameters is empty and what to do");
        Assert.Equal(HealthStatus.Unhealthy, waiting.Status);
        Assert.Equal(HealthStatus.Unhealthy, waiting.Entries["decoder"].Status);
        Assert.Empty(CommittedOffsets());

        // When: the parameters are loaded, with the Decoder still running.
        await using (var dataSource = NpgsqlDataSource.Create(devicedb))
        {
            await new DeviceParameterStore(dataSource).UpsertAsync([.. compatible.Parameters]).WaitAsync(DecoderFixture.Timeout);
        }

        // Then: the whole backlog is decoded, and nothing of it became a params_missing dead letter.
        var decoded = await KafkaTestReader.ReadAsync(_kafka.BootstrapServers, KafkaTopics.Decoded, compatible.Vectors.Count, DecoderFixture.Timeout);
        Assert.Equal(compatible.Vectors.Count, decoded.Count);
        Assert.Equal(0, DecoderFixture.RecordCount(_kafka.BootstrapServers, KafkaTopics.DeadLetter, Partitions));
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Entries["device-parameters"].Status);
    }

    public void Dispose() => _kafka.Dispose();

    private List<TopicPartitionOffset> CommittedOffsets()
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = _kafka.BootstrapServers, GroupId = "f2-decoder" }).Build();
        var partitions = Enumerable.Range(0, Partitions).Select(partition => new TopicPartition(KafkaTopics.Raw, partition));
        return [.. consumer.Committed(partitions, DecoderFixture.Timeout).Where(offset => offset.Offset.Value >= 0)];
    }
}

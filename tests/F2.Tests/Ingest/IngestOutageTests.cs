using System.Text;
using F2.Ingest;
using F2.Integrations.Kafka;
using F2.Protocol;
using F2.Tests.Infrastructure;
using F2.Tests.Storage;

namespace F2.Tests.Ingest;

/// <summary>Ingest acknowledges a message to the broker only after Kafka acknowledged its record.</summary>
[Collection(MosquittoCollection.Name)]
public sealed class IngestOutageTests(MosquittoServer mosquitto) : IDisposable
{
    private const int MessageCount = 20;

    private readonly MockKafkaCluster _kafka = IngestForwardingTests.StartKafka();

    [Fact]
    public async Task MessagesPublishedWhileKafkaIsDownAllArriveOnceKafkaIsBack()
    {
        await using var ingest = await IngestFixture.StartAsync(OutageSettings(IngestForwardingTests.NewClientId()));
        var status = ingest.Get<IngestStatus>();
        _kafka.SetBrokerDown(1);

        var published = await PublishAsync();
        await Poll.UntilAsync(() => Task.FromResult(status.KafkaFailing && status.InFlight == MessageCount), IngestFixture.Timeout, "Ingest never held every message");
        _kafka.SetBrokerUp(1);

        await AssertAllArriveAsync(published);
    }

    [Fact]
    public async Task MessagesKafkaNeverAcknowledgedAreRedeliveredToTheNextIngest()
    {
        string clientId = IngestForwardingTests.NewClientId();
        var first = await IngestFixture.StartAsync(OutageSettings(clientId));
        var status = first.Get<IngestStatus>();
        _kafka.SetBrokerDown(1);

        var published = await PublishAsync();
        await Poll.UntilAsync(() => Task.FromResult(status.KafkaFailing && status.InFlight == MessageCount), IngestFixture.Timeout, "Ingest never held every message");
        await first.DisposeAsync();
        _kafka.SetBrokerUp(1);

        await using var second = await IngestFixture.StartAsync(OutageSettings(clientId));
        await AssertAllArriveAsync(published);
    }

    public void Dispose() => _kafka.Dispose();

    private Dictionary<string, string?> OutageSettings(string clientId)
    {
        var settings = IngestFixture.Settings(mosquitto, _kafka.BootstrapServers, clientId);
        settings["Ingest:ProduceTimeout"] = "00:00:01";
        settings["Ingest:ProduceRetryDelayMax"] = "00:00:00.200";
        settings["Ingest:DrainTimeout"] = "00:00:00.500";
        return settings;
    }

    private async Task<HashSet<string>> PublishAsync()
    {
        string deviceId = IngestFixture.NewDeviceId();
        using var publisher = await IngestFixture.ConnectPublisherAsync(mosquitto);
        var published = new HashSet<string>();
        for (int i = 0; i < MessageCount; i++)
        {
            string payload = $"{{\"timestamp\": \"2024-01-01 00:00:{i:00}\", \"status\": true}}";
            await IngestFixture.PublishAsync(publisher, $"cmnd/{deviceId}/alarm-mode/J2/siren-{i + 1}", Encoding.UTF8.GetBytes(payload));
            published.Add(payload);
        }

        return published;
    }

    /// <summary>At least once: every message is there; a redelivered one may be there twice.</summary>
    private async Task AssertAllArriveAsync(HashSet<string> published)
    {
        var deadline = DateTime.UtcNow + IngestFixture.Timeout;
        HashSet<string> arrived;
        int count = 0;
        do
        {
            // Read more each round: duplicates may stand among the first records.
            count += MessageCount;
            var records = await KafkaTestReader.ReadAsync(_kafka.BootstrapServers, KafkaTopics.Raw, count, TimeSpan.FromSeconds(5));
            arrived = [.. records.Select(record => Encoding.UTF8.GetString(record.Message.Value))];
        }
        while (!published.IsSubsetOf(arrived) && DateTime.UtcNow < deadline);

        Assert.Subset(arrived, published);
    }
}

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

    [Fact]
    public async Task MessagesInHandWhenTheBrokerForgetsTheSessionAreForwardedInsteadOfDropped()
    {
        // Given Ingest holding messages Kafka has not acknowledged
        var settings = OutageSettings(IngestForwardingTests.NewClientId());
        settings["Ingest:ReconnectDelayMax"] = "00:00:00.500";
        await using var ingest = await IngestFixture.StartAsync(settings);
        var status = ingest.Get<IngestStatus>();
        _kafka.SetBrokerDown(1);
        var published = await PublishAsync();
        await Poll.UntilAsync(() => Task.FromResult(status.KafkaFailing && status.InFlight == MessageCount), IngestFixture.Timeout, "Ingest never held every message");

        // When the broker comes back without the session (so it will never redeliver them), Ingest reconnects and
        // every message fails twice more (so each has passed a retry decision since), and then Kafka returns
        var connection = ingest.Get<MqttConnection>();
        long before = connection.Generation;
        await mosquitto.RestartWithoutStateAsync();
        await Poll.UntilAsync(() => Task.FromResult(connection.Generation > before && status.MqttConnected), IngestFixture.Timeout, "Ingest never reconnected");
        await WaitForRetriesAsync(2 * MessageCount, "Ingest stopped retrying the messages it holds");
        _kafka.SetBrokerUp(1);

        // Then Ingest's copies reach Kafka: none was dropped on the assumption that the broker has them
        await AssertAllArriveAsync(published);
    }

    [Fact]
    public async Task WhileKafkaIsDownIngestHoldsNoMoreThanMaxInFlightMessagesAndTheBrokerKeepsTheRest()
    {
        const int MaxInFlight = 5;
        var settings = OutageSettings(IngestForwardingTests.NewClientId());
        settings["Ingest:MaxInFlight"] = MaxInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var ingest = await IngestFixture.StartAsync(settings);
        var status = ingest.Get<IngestStatus>();
        _kafka.SetBrokerDown(1);

        var published = await PublishAsync();
        await Poll.UntilAsync(() => Task.FromResult(status.KafkaFailing && status.InFlight == MaxInFlight), IngestFixture.Timeout, "Ingest never filled its window");
        int heldAfterRetries = await HeldAfterSomeRetriesAsync(status, MaxInFlight);
        _kafka.SetBrokerUp(1);

        Assert.Equal(MaxInFlight, heldAfterRetries);
        await AssertAllArriveAsync(published);
    }

    public void Dispose() => _kafka.Dispose();

    /// <summary>How many messages Ingest holds once every held message has failed a few more times.</summary>
    private static async Task<int> HeldAfterSomeRetriesAsync(IngestStatus status, int maxInFlight)
    {
        await WaitForRetriesAsync(maxInFlight, "Ingest stopped retrying");
        return status.InFlight;
    }

    /// <summary>Waits until Ingest has counted <paramref name="count"/> more failed produce attempts.</summary>
    private static async Task WaitForRetriesAsync(long count, string failure)
    {
        using var metrics = new System.Diagnostics.Metrics.MeterListener();
        long retries = 0;
        metrics.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "f2.ingest.produce.retries")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        metrics.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref retries, value));
        metrics.Start();
        await Poll.UntilAsync(() => Task.FromResult(Interlocked.Read(ref retries) >= count), TimeSpan.FromSeconds(60), failure);
    }

    private Dictionary<string, string?> OutageSettings(string clientId)
    {
        var settings = IngestFixture.Settings(mosquitto, _kafka.BootstrapServers, clientId);
        settings["Kafka:ProducerMessageTimeout"] = "00:00:10";
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

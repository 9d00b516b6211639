using System.Diagnostics.Metrics;
using System.Text;
using F2.DevKafka;
using F2.Ingest;
using F2.Protocol;
using F2.Tests.Infrastructure;
using F2.Tests.Storage;
using MQTTnet.Protocol;

namespace F2.Tests.Ingest;

/// <summary>Ingest acknowledges a message to the broker only after Kafka acknowledged its record.</summary>
[Collection(MosquittoCollection.Name)]
public sealed class IngestOutageTests(MosquittoServer mosquitto) : IDisposable
{
    private const int MessageCount = 20;

    /// <summary><c>Ingest:MaxInFlight</c> of the tests about Ingest's window.</summary>
    private const int MaxInFlight = 5;

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
    public async Task WhileKafkaIsDownQos0MessagesBeyondTheWindowAreDroppedAndCountedInsteadOfQueued()
    {
        // Given Ingest with a window of five and Kafka down
        await using var ingest = await StartWithSmallWindowAndKafkaDownAsync();
        var status = ingest.Get<IngestStatus>();
        using var received = new CountedInstrument("f2.ingest.messages.received");
        using var dropped = new CountedInstrument("f2.ingest.messages.dropped");

        // When devices publish more QoS 0 messages than the window holds
        var published = await PublishAsync(MqttQualityOfServiceLevel.AtMostOnce);

        // Then Ingest holds its window, drops and counts the rest (QoS 0 has no redelivery), and forwards what it holds.
        // The broker itself may shed QoS 0 messages on a loaded machine, so the account is of what Ingest received.
        await Poll.UntilAsync(
            () => Task.FromResult(dropped.Value > 0 && received.Value == MaxInFlight + dropped.Value && status.InFlight == MaxInFlight),
            IngestFixture.Timeout,
            "Ingest did not drop the QoS 0 messages beyond its window");
        Assert.Equal(MaxInFlight, status.InFlight);
        _kafka.SetBrokerUp(1);
        var records = await KafkaTestReader.ReadAsync(_kafka.BootstrapServers, KafkaTopics.Raw, MaxInFlight, IngestFixture.Timeout);
        Assert.Subset(published, records.Select(record => Encoding.UTF8.GetString(record.Message.Value)).ToHashSet());
    }

    [Fact]
    public async Task WhileKafkaIsDownIngestHoldsNoMoreThanMaxInFlightMessagesAndTheBrokerKeepsTheRest()
    {
        await using var ingest = await StartWithSmallWindowAndKafkaDownAsync();
        var status = ingest.Get<IngestStatus>();

        var published = await PublishAsync();
        await Poll.UntilAsync(() => Task.FromResult(status.KafkaFailing && status.InFlight == MaxInFlight), IngestFixture.Timeout, "Ingest never filled its window");
        int heldAfterRetries = await HeldAfterSomeRetriesAsync(status, MaxInFlight);
        _kafka.SetBrokerUp(1);

        Assert.Equal(MaxInFlight, heldAfterRetries);
        await AssertAllArriveAsync(published);
    }

    [Fact]
    public async Task ReconnectsDuringAKafkaOutageNeverPutMoreThanMaxInFlightMessagesInIngestsHands()
    {
        // Given Ingest with a window of five holding a full window while Kafka is down
        var settings = OutageSettings(IngestForwardingTests.NewClientId());
        settings["Ingest:MaxInFlight"] = MaxInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Ingest:ReconnectDelayMax"] = "00:00:00.500";
        await using var ingest = await StartWithKafkaDownAsync(settings);
        var status = ingest.Get<IngestStatus>();
        var connection = ingest.Get<MqttConnection>();
        var published = await PublishAsync();
        await Poll.UntilAsync(() => Task.FromResult(status.InFlight == MaxInFlight), IngestFixture.Timeout, "Ingest never filled its window");
        await using var peak = new InFlightPeak(status);
        using var received = new CountedInstrument("f2.ingest.messages.received", ingest.Get<IMeterFactory>());

        // When the broker restarts three times (the session survives, so each time it delivers the window again)
        for (int reconnect = 1; reconnect <= 3; reconnect++)
        {
            long before = connection.Generation;
            long receivedBefore = received.Value;
            await mosquitto.RestartAsync();
            await Poll.UntilAsync(() => Task.FromResult(connection.Generation > before && status.MqttConnected), IngestFixture.Timeout, $"Ingest never reconnected ({reconnect})");
            await Poll.UntilAsync(
                () => Task.FromResult(received.Value >= receivedBefore + MaxInFlight), TimeSpan.FromSeconds(60), $"Ingest never took the redelivered window ({reconnect})");
        }

        // Then the in-flight gauge never passed the window, and every message arrives once Kafka is back
        _kafka.SetBrokerUp(1);
        await AssertAllArriveAsync(published);
        Assert.InRange(await peak.StopAsync(), MaxInFlight, MaxInFlight);
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
        using var retries = new CountedInstrument("f2.ingest.produce.retries");
        await Poll.UntilAsync(() => Task.FromResult(retries.Value >= count), TimeSpan.FromSeconds(60), failure);
    }

    /// <summary>Sums what a counter of Ingest's meter records from now on.</summary>
    private sealed class CountedInstrument : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _value;

        /// <param name="name">The instrument's name.</param>
        /// <param name="scope">The meter factory of one Ingest, to count its measurements only; null: every Ingest's.</param>
        public CountedInstrument(string name, IMeterFactory? scope = null)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == name && (scope is null || instrument.Meter.Scope == scope))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _value, value));
            _listener.Start();
        }

        public long Value => Interlocked.Read(ref _value);

        public void Dispose() => _listener.Dispose();
    }

    private Task<EndToEnd.ServiceHost> StartWithSmallWindowAndKafkaDownAsync()
    {
        var settings = OutageSettings(IngestForwardingTests.NewClientId());
        settings["Ingest:MaxInFlight"] = MaxInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return StartWithKafkaDownAsync(settings);
    }

    private async Task<EndToEnd.ServiceHost> StartWithKafkaDownAsync(Dictionary<string, string?> settings)
    {
        var ingest = await IngestFixture.StartAsync(settings);
        _kafka.SetBrokerDown(1);
        return ingest;
    }

    private Dictionary<string, string?> OutageSettings(string clientId)
    {
        var settings = IngestFixture.Settings(mosquitto, _kafka.BootstrapServers, clientId);
        settings["Kafka:ProducerMessageTimeout"] = "00:00:10";
        settings["Ingest:ProduceRetryDelayMax"] = "00:00:00.200";
        settings["Ingest:DrainTimeout"] = "00:00:00.500";
        return settings;
    }

    private async Task<HashSet<string>> PublishAsync(MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce)
    {
        string deviceId = IngestFixture.NewDeviceId();
        using var publisher = await IngestFixture.ConnectPublisherAsync(mosquitto);
        var published = new HashSet<string>();
        for (int i = 0; i < MessageCount; i++)
        {
            string payload = $"{{\"timestamp\": \"2024-01-01 00:00:{i:00}\", \"status\": true}}";
            await IngestFixture.PublishAsync(publisher, $"cmnd/{deviceId}/alarm-mode/J2/siren-{i + 1}", Encoding.UTF8.GetBytes(payload), qos: qos);
            published.Add(payload);
        }

        // A QoS 0 publish may complete before it is on the wire: a clean disconnect sends what is queued first.
        await publisher.DisconnectAsync(new MQTTnet.MqttClientDisconnectOptionsBuilder().Build()).WaitAsync(IngestFixture.Timeout);
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

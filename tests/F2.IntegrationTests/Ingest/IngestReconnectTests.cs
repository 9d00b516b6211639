using System.Text;
using F2.DevKafka;
using F2.Ingest;
using F2.Protocol;
using F2.Tests.Infrastructure;
using F2.Tests.Storage;

namespace F2.Tests.Ingest;

[Collection(MosquittoCollection.Name)]
public sealed class IngestReconnectTests(MosquittoServer mosquitto) : IDisposable
{
    private readonly MockKafkaCluster _kafka = IngestForwardingTests.StartKafka();

    [Fact]
    public async Task AfterTheBrokerRestartsIngestReconnectsAndForwardsWhatWasPublishedMeanwhile()
    {
        var settings = IngestFixture.Settings(mosquitto, _kafka.BootstrapServers, IngestForwardingTests.NewClientId());
        settings["Ingest:ReconnectDelayMax"] = "00:00:00.500";
        await using var ingest = await IngestFixture.StartAsync(settings);
        var status = ingest.Get<IngestStatus>();

        await mosquitto.StopAsync();
        await Poll.UntilAsync(() => Task.FromResult(!status.MqttConnected), IngestFixture.Timeout, "Ingest never noticed the broker stop");
        await mosquitto.StartAsync();
        string deviceId = IngestFixture.NewDeviceId();
        var published = new List<string>();
        using (var publisher = await IngestFixture.ConnectPublisherAsync(mosquitto))
        {
            for (int i = 1; i <= 10; i++)
            {
                string payload = $"{{\"timestamp\": \"2024-01-01 00:00:{i:00}\", \"status\": false}}";
                await IngestFixture.PublishAsync(publisher, $"cmnd/{deviceId}/alarm-mode/J3/siren-{i}", Encoding.UTF8.GetBytes(payload));
                published.Add(payload);
            }
        }

        var records = await KafkaTestReader.ReadAsync(_kafka.BootstrapServers, KafkaTopics.Raw, published.Count, IngestFixture.Timeout);

        Assert.True(status.MqttConnected);
        Assert.Equal(published.Order(), records.Select(record => Encoding.UTF8.GetString(record.Message.Value)).Order());
    }

    public void Dispose() => _kafka.Dispose();
}

using System.Security.Authentication;
using F2.DevKafka;
using F2.Hosting.Mosquitto;
using F2.Integrations.Kafka;
using F2.Integrations.Mqtt;
using F2.Protocol;
using F2.Testing.BadInput;
using F2.Tests.Ingest;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace F2.Tests.Security;

/// <summary>TLS by configuration: Mosquitto's TLS listener (<see cref="MosquittoTlsListener"/>) and <c>mqtts://...?cafile=</c>.</summary>
public sealed class MqttTlsTests(TlsBroker broker) : IClassFixture<TlsBroker>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AClientTrustingThePrivateCaConnectsOverTlsAndPublishes()
    {
        using var client = new MqttClientFactory().CreateMqttClient();

        var connected = await client.ConnectAsync(Options(broker.ConnectionString(trustCa: true))).WaitAsync(Timeout);
        var published = await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"cmnd/{IngestFixture.NewDeviceId()}/access-control-mode/J1/strike-1")
            .WithPayload("{}"u8.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build()).WaitAsync(Timeout);

        Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
        Assert.True(published.IsSuccess, published.ReasonCode.ToString());
    }

    [Fact]
    public async Task AClientThatDoesNotTrustTheCaRefusesTheBrokersCertificate()
    {
        using var client = new MqttClientFactory().CreateMqttClient();

        var failure = await Record.ExceptionAsync(() => client.ConnectAsync(Options(broker.ConnectionString(trustCa: false))).WaitAsync(Timeout));

        Assert.IsAssignableFrom<MqttCommunicationException>(failure);
        Assert.IsAssignableFrom<AuthenticationException>(failure.InnerException);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task TheTlsListenerRefusesAClientWithoutCredentialsLikeThePlainOne()
    {
        var anonymous = MqttConnectionString.Parse($"mqtts://localhost:{broker.Mosquitto.TlsPort}?cafile={Uri.EscapeDataString(broker.CaFile)}");
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(MqttClientOptionsFactory.CreateBuilder(anonymous, "f2-tls-anonymous").Build()).WaitAsync(Timeout);

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, result.ResultCode);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task IngestGivenAnMqttsConnectionStringWithTheCaFileForwardsOverTls()
    {
        using var kafka = MockKafkaCluster.Start();
        kafka.CreatePipelineTopics(1);
        using var raw = new TopicTail(kafka.BootstrapServers, KafkaTopics.Raw, partitions: 1);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:mqtt"] = broker.ConnectionString(trustCa: true),
            ["ConnectionStrings:kafka"] = kafka.BootstrapServers,
            ["Ingest:ClientId"] = "f2-ingest-tls-" + Guid.NewGuid().ToString("N")[..8],
        };
        await using var ingest = await IngestFixture.StartAsync(settings);
        using var device = new MqttClientFactory().CreateMqttClient();
        await device.ConnectAsync(Options(broker.ConnectionString(trustCa: true))).WaitAsync(Timeout);
        string topic = $"cmnd/{IngestFixture.NewDeviceId()}/access-control-mode/J1/strike-1";

        await IngestFixture.PublishAsync(device, topic, "{}"u8.ToArray());
        var record = await raw.WaitForAsync(r => r.Message.Headers.TryGetString(RecordHeaders.MqttTopic, out string t) && t == topic, Timeout);

        Assert.NotNull(record);
    }

    private static MqttClientOptions Options(string connectionString)
        => MqttClientOptionsFactory.CreateBuilder(MqttConnectionString.Parse(connectionString), "f2-tls-" + Guid.NewGuid().ToString("N")[..8]).Build();
}

using System.Text;
using F2.Hosting.Mosquitto;
using F2.Integrations.Mqtt;
using F2.Tests.Infrastructure;
using MQTTnet;

namespace F2.Tests.Integrations;

[Collection(MosquittoCollection.Name)]
public sealed class MosquittoServerTests(MosquittoServer mosquitto)
{
    private const string DeviceTopic = "cmnd/f2-0123456789ab/access-control-mode/J1/strike-1";

    [Fact]
    public async Task QueuedMessagesForAnOfflinePersistentSubscriberSurviveABrokerRestart()
    {
        // Given a subscriber with a persistent session that has gone offline
        string clientId = "f2-test-persistent-" + Guid.NewGuid().ToString("N")[..8];
        MqttClientOptions sessionOptions = MqttClientOptionsFactory.CreatePersistentSession(
            MqttConnectionString.Parse(mosquitto.ConnectionString), clientId, TimeSpan.FromHours(1));
        using (IMqttClient subscriber = await MqttTestClients.ConnectAsync(sessionOptions))
        {
            await MqttTestClients.SubscribeAsync(subscriber, "cmnd/+/#");
            await subscriber.DisconnectAsync().WaitAsync(MqttTestClients.Timeout);
        }

        // When a device publishes QoS 1 messages and the broker restarts
        const int Count = 200;
        using (IMqttClient device = await MqttTestClients.ConnectAsync(
            mosquitto.ConnectionStringFor(mosquitto.DeviceUser), "device-" + clientId))
        {
            for (int i = 0; i < Count; i++)
            {
                MqttClientPublishResult result = await MqttTestClients.PublishAsync(device, DeviceTopic, Encoding.UTF8.GetBytes($"m{i}"));
                Assert.True(result.IsSuccess, result.ReasonString);
            }

            await device.DisconnectAsync().WaitAsync(MqttTestClients.Timeout);
        }

        await mosquitto.RestartAsync().WaitAsync(TimeSpan.FromSeconds(30));

        // Then the subscriber reconnects to its session and receives every message
        using IMqttClient resumed = new MqttClientFactory().CreateMqttClient();
        var received = MqttTestClients.Collect(resumed);
        MqttClientConnectResult connected = await resumed.ConnectAsync(sessionOptions).WaitAsync(MqttTestClients.Timeout);
        Assert.True(connected.IsSessionPresent);
        Assert.True(await MqttTestClients.EventuallyAsync(() => received.Count >= Count, MqttTestClients.Timeout),
            $"received {received.Count} of {Count}");
        Assert.Equal(
            Enumerable.Range(0, Count).Select(i => $"m{i}").Order(),
            received.Select(m => Encoding.UTF8.GetString(m.Payload)).Distinct().Order());
        await resumed.DisconnectAsync().WaitAsync(MqttTestClients.Timeout);
    }

    [Fact]
    public async Task ADeviceMayPublishOnlyOnItsOwnTopics()
    {
        using IMqttClient device = await MqttTestClients.ConnectAsync(
            mosquitto.ConnectionStringFor(mosquitto.DeviceUser), "device-acl-" + Guid.NewGuid().ToString("N")[..8]);

        MqttClientPublishResult own = await MqttTestClients.PublishAsync(device, DeviceTopic, [1]);
        MqttClientPublishResult other = await MqttTestClients.PublishAsync(
            device, "cmnd/f2-aaaaaaaaaaaa/access-control-mode/J1/strike-1", [1]);

        Assert.Equal(MqttClientPublishReasonCode.Success, own.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, other.ReasonCode);
    }

    [Fact]
    public async Task AWrongPasswordIsRefused()
    {
        var wrong = new MosquittoUser(mosquitto.ServiceUser.Name, "not-the-password", MosquittoRole.Service);

        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        MqttClientOptions options = MqttClientOptionsFactory.CreateBuilder(
            MqttConnectionString.Parse(mosquitto.ConnectionStringFor(wrong)), "wrong-" + Guid.NewGuid().ToString("N")[..8]).Build();
        MqttClientConnectResult result = await client.ConnectAsync(options).WaitAsync(MqttTestClients.Timeout);

        // MQTTnet 5 reports a refused CONNECT in the result instead of throwing; Mosquitto 2.0 answers NotAuthorized.
        Assert.Contains(result.ResultCode,
            new[] { MqttClientConnectResultCode.BadUserNameOrPassword, MqttClientConnectResultCode.NotAuthorized });
        Assert.False(client.IsConnected);
    }
}

using System.Text;
using F2.Hosting.Mosquitto;
using F2.Integrations.Mqtt;
using F2.Testing.BadInput;
using F2.Tests.Infrastructure;
using F2.Tests.Integrations;
using MQTTnet;

namespace F2.Tests.Security;

/// <summary>
/// Who may do what on the broker F2 configures (<see cref="MosquittoConfig"/>): no anonymous clients; a device
/// account publishes and reads only <c>cmnd/&lt;its user name&gt;/#</c> (publishing elsewhere is answered with
/// PUBACK 0x87, see <c>MosquittoServerTests</c> and the corpus kind <c>another-devices-topic</c>).
/// </summary>
[Collection(MosquittoCollection.Name)]
public sealed class BrokerAccessTests(MosquittoServer mosquitto)
{
    [Fact]
    public async Task AClientWithoutCredentialsIsRefusedAtConnect()
    {
        using var timeout = new CancellationTokenSource(MqttTestClients.Timeout);
        await using var raw = await RawMqttPublisher.ConnectAsync(mosquitto.Host, mosquitto.Port, "f2-anonymous-raw", null, null, timeout.Token);
        using var client = new MqttClientFactory().CreateMqttClient();
        var anonymous = MqttClientOptionsFactory.CreateBuilder(MqttConnectionString.Parse($"mqtt://{mosquitto.Host}:{mosquitto.Port}"), "f2-anonymous").Build();

        var result = await client.ConnectAsync(anonymous).WaitAsync(MqttTestClients.Timeout);

        Assert.Equal(MqttReasonCodes.NotAuthorized, raw.ConnectReasonCode);
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, result.ResultCode);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task ADeviceSubscribedToEveryDeviceTopicReceivesOnlyItsOwnMessages()
    {
        string own = $"cmnd/{mosquitto.DeviceUser.Name}/access-control-mode/J1/strike-1";
        string other = "cmnd/f2-aaaaaaaaaaaa/access-control-mode/J1/strike-1";
        using var device = new MqttClientFactory().CreateMqttClient();
        var received = MqttTestClients.Collect(device);
        await device.ConnectAsync(MqttClientOptionsFactory.CreateBuilder(
            MqttConnectionString.Parse(mosquitto.ConnectionStringFor(mosquitto.DeviceUser)), "f2-device-reader-" + Guid.NewGuid().ToString("N")[..8]).Build())
            .WaitAsync(MqttTestClients.Timeout);
        await MqttTestClients.SubscribeAsync(device, "cmnd/+/#"); // Mosquitto 2.0 grants it, then filters delivery by the ACL
        using var service = await MqttTestClients.ConnectAsync(mosquitto.ConnectionString, "f2-service-writer-" + Guid.NewGuid().ToString("N")[..8]);

        await MqttTestClients.PublishAsync(service, other, Encoding.UTF8.GetBytes("other"));
        await MqttTestClients.PublishAsync(service, own, Encoding.UTF8.GetBytes("own"));
        bool ownArrived = await MqttTestClients.EventuallyAsync(() => received.Any(message => message.Topic == own), MqttTestClients.Timeout);

        Assert.True(ownArrived, "the device's own message never arrived");
        Assert.DoesNotContain(received, message => message.Topic == other);
    }
}

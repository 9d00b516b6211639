using System.Collections.Concurrent;
using F2.Integrations.Mqtt;
using MQTTnet;
using MQTTnet.Protocol;

namespace F2.Tests.Integrations;

/// <summary>Small MQTTnet helpers for the broker tests.</summary>
internal static class MqttTestClients
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static async Task<IMqttClient> ConnectAsync(MqttClientOptions options)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(options).WaitAsync(Timeout);
        return client;
    }

    public static Task<IMqttClient> ConnectAsync(string connectionString, string clientId) =>
        ConnectAsync(MqttClientOptionsFactory.CreateBuilder(MqttConnectionString.Parse(connectionString), clientId).Build());

    /// <summary>Collects every message the client receives (attach before connecting: queued messages come at once).</summary>
    public static ConcurrentQueue<MqttApplicationMessage> Collect(IMqttClient client)
    {
        var received = new ConcurrentQueue<MqttApplicationMessage>();
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        return received;
    }

    public static async Task SubscribeAsync(IMqttClient client, string filter)
    {
        MqttClientSubscribeResult result = await client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build())
            .WaitAsync(Timeout);
        Assert.All(result.Items, item => Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, item.ResultCode));
    }

    public static Task<MqttClientPublishResult> PublishAsync(IMqttClient client, string topic, byte[] payload) =>
        client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build()).WaitAsync(Timeout);

    /// <summary>Waits until <paramref name="condition"/> holds or the timeout passes; returns whether it held.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}

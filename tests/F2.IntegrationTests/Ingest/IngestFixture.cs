using System.Security.Cryptography;
using F2.Ingest;
using F2.Integrations.Mqtt;
using F2.Tests.EndToEnd;
using F2.Tests.Storage;
using Microsoft.Extensions.Hosting;
using MQTTnet;
using MQTTnet.Protocol;

namespace F2.Tests.Ingest;

/// <summary>Starts Ingest against the shared broker and a given Kafka stand-in, and publishes like a device would.</summary>
internal static class IngestFixture
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static Dictionary<string, string?> Settings(MosquittoServer mosquitto, string bootstrapServers, string clientId) => new()
    {
        ["ConnectionStrings:mqtt"] = mosquitto.ConnectionString,
        ["ConnectionStrings:kafka"] = bootstrapServers,
        ["Ingest:ClientId"] = clientId,
    };

    /// <summary>Starts Ingest and waits until it has subscribed.</summary>
    public static async Task<ServiceHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var host = await ServiceHost.StartAsync(settings, builder => builder.AddIngest());
        var status = host.Get<IngestStatus>();
        await Poll.UntilAsync(() => Task.FromResult(status.MqttConnected), Timeout, "Ingest never subscribed");
        return host;
    }

    /// <summary>A device id nobody else uses, so that a test counts only its own records.</summary>
    public static string NewDeviceId() => "f2-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static async Task<IMqttClient> ConnectPublisherAsync(MosquittoServer mosquitto)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = MqttClientOptionsFactory.CreateBuilder(MqttConnectionString.Parse(mosquitto.ConnectionString), "f2-test-" + Guid.NewGuid().ToString("N")).Build();
        await client.ConnectAsync(options).WaitAsync(Timeout);
        return client;
    }

    public static Task PublishAsync(
        IMqttClient client, string topic, byte[] payload, string? traceParent = null, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(qos);
        if (traceParent is not null)
        {
            message.WithUserProperty("traceparent", System.Text.Encoding.UTF8.GetBytes(traceParent).AsMemory());
        }

        return client.PublishAsync(message.Build()).WaitAsync(Timeout);
    }
}

using System.Text;
using F2.DevKafka;
using F2.Integrations.Kafka;
using F2.Integrations.Mqtt;
using F2.Protocol;
using F2.Testing.BadInput;
using F2.Tests.Ingest;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace F2.Tests.BadInput;

/// <summary>
/// What Ingest does with how a message is delivered (retained), and what an ordinary MQTTnet publisher sees when
/// the broker refuses its message (the corpus uses a raw client to send what MQTTnet would not).
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed class DeliveryPolicyTests(BadInputPipeline pipeline)
{
    private static readonly TimeSpan Timeout = BadInputPipeline.Timeout;

    [Fact]
    public async Task ARetainedMessageIsForwardedOnceAndNotAgainWhenIngestReconnectsToItsSession()
    {
        using var kafka = MockKafkaCluster.Start();
        kafka.CreatePipelineTopics(1);
        using var raw = new TopicTail(kafka.BootstrapServers, KafkaTopics.Raw, partitions: 1);
        var settings = IngestFixture.Settings(pipeline.Mosquitto, kafka.BootstrapServers, "f2-ingest-retained-" + Guid.NewGuid().ToString("N")[..8]);
        settings["Ingest:MaxInFlight"] = "1"; // one message at a time: raw_iot_data holds them in the order Ingest received them
        string deviceId = IngestFixture.NewDeviceId();
        var retained = BadInputCorpus.ValidMessage(deviceId) with { Retain = true };
        var marker = BadInputCorpus.ValidMessage(deviceId) with { Topic = Encoding.UTF8.GetBytes($"cmnd/{deviceId}/access-control-mode/J1/strike-2") };

        await using (await IngestFixture.StartAsync(settings))
        {
            Assert.False((await pipeline.PublishAsync(retained)).IsRefusal);
            Assert.NotNull(await raw.WaitForAsync(record => HasTopic(record, retained.Topic), Timeout));
        }

        // The same client id again: the broker resumes the session, and the subscription is not new.
        await using (await IngestFixture.StartAsync(settings))
        {
            Assert.False((await pipeline.PublishAsync(marker)).IsRefusal);
            Assert.NotNull(await raw.WaitForAsync(record => HasTopic(record, marker.Topic), Timeout));
        }

        Assert.Single(raw.Records, record => HasTopic(record, retained.Topic));
    }

    [Fact]
    public async Task AnMqttNetPublisherOfTenMegabytesIsDisconnectedWithPacketTooLargeAndGetsNoAcknowledgement()
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var disconnected = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += args =>
        {
            disconnected.TrySetResult(args);
            return Task.CompletedTask;
        };
        await client.ConnectAsync(Options()).WaitAsync(Timeout);
        var message = new MqttApplicationMessageBuilder()
            .WithTopic($"cmnd/{IngestFixture.NewDeviceId()}/access-control-mode/J1/strike-1")
            .WithPayload(new byte[10 * 1024 * 1024])
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();

        var failure = await Record.ExceptionAsync(() => client.PublishAsync(message).WaitAsync(Timeout));
        var disconnect = await disconnected.Task.WaitAsync(Timeout);

        Assert.IsAssignableFrom<MqttCommunicationException>(failure);
        Assert.Equal(MqttClientDisconnectReason.PacketTooLarge, disconnect.Reason);
        Assert.False(client.IsConnected);
    }

    [Theory]
    [InlineData("access-control-mode/+/strike-1")]
    [InlineData("access-control-mode/J1/#")]
    public async Task AnMqttNetPublisherCannotSendAWildcardTopicAtAll(string wildcardLevels)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(Options()).WaitAsync(Timeout);

        var failure = await Record.ExceptionAsync(() => client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"cmnd/{IngestFixture.NewDeviceId()}/{wildcardLevels}")
            .WithPayload("{}"u8.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build()).WaitAsync(Timeout));

        Assert.IsType<MqttProtocolViolationException>(failure);
        Assert.True(client.IsConnected);
    }

    private MqttClientOptions Options()
        => MqttClientOptionsFactory.CreateBuilder(MqttConnectionString.Parse(pipeline.Mosquitto.ConnectionString), "f2-mqttnet-" + Guid.NewGuid().ToString("N")[..8]).Build();

    private static bool HasTopic(Confluent.Kafka.ConsumeResult<string?, byte[]> record, byte[] topic)
        => record.Message.Headers.TryGetBytes(RecordHeaders.MqttTopic, out var value) && value.SequenceEqual(topic);
}

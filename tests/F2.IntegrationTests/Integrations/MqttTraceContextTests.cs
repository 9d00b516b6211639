using System.Diagnostics;
using F2.Integrations.Mqtt;
using F2.Integrations.Telemetry;
using F2.Protocol;
using F2.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace F2.Tests.Integrations;

[Collection(MosquittoCollection.Name)]
public sealed class MqttTraceContextTests(MosquittoServer mosquitto)
{
    [Fact]
    public void TraceContextSurvivesAUserPropertyRoundTrip()
    {
        var context = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(),
            ActivityTraceFlags.Recorded, "vendor=abc");
        var properties = new List<MqttUserProperty> { new("keep", new ReadOnlyMemory<byte>([1])) };

        TraceContext.Inject(context, properties);
        bool found = TraceContext.TryExtract(properties, out ActivityContext extracted);

        Assert.True(found);
        Assert.Equal(context.TraceId, extracted.TraceId);
        Assert.Equal(context.SpanId, extracted.SpanId);
        Assert.Equal("vendor=abc", extracted.TraceState);
        Assert.Contains(properties, p => p.Name == "keep");
    }

    [Fact]
    public void MessagesWithoutUserPropertiesHaveNoTraceContext()
    {
        Assert.False(TraceContext.TryExtract((IReadOnlyList<MqttUserProperty>?)null, out _));
        Assert.False(TraceContext.TryExtract(new List<MqttUserProperty>(), out _));
    }

    [Fact]
    public async Task TheProcessSpanContinuesThePublishSpanAcrossTheBroker()
    {
        using var recorder = new ActivityRecorder();
        string clientSuffix = Guid.NewGuid().ToString("N")[..8];
        const string Topic = "cmnd/f2-0123456789ab/access-control-mode/J1/strike-1";
        const string Template = "cmnd/{device}/{mode}/{connector}/{component}";

        using IMqttClient subscriber = new MqttClientFactory().CreateMqttClient();
        var received = MqttTestClients.Collect(subscriber);
        MqttClientOptions subscriberOptions = MqttClientOptionsFactory
            .CreateBuilder(MqttConnectionString.Parse(mosquitto.ConnectionString), "trace-sub-" + clientSuffix)
            .Build();
        await subscriber.ConnectAsync(subscriberOptions).WaitAsync(MqttTestClients.Timeout);
        await MqttTestClients.SubscribeAsync(subscriber, "cmnd/+/#");

        using IMqttClient device = await MqttTestClients.ConnectAsync(
            mosquitto.ConnectionStringFor(mosquitto.DeviceUser), "trace-dev-" + clientSuffix);
        var properties = new List<MqttUserProperty>();
        using (MessagingActivities.StartMqttPublish(recorder.Source, Topic, Template, properties))
        {
            MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                .WithTopic(Topic)
                .WithPayload("{}"u8.ToArray())
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            message.UserProperties = properties;
            await device.PublishAsync(message).WaitAsync(MqttTestClients.Timeout);
        }

        Assert.True(await MqttTestClients.EventuallyAsync(() => !received.IsEmpty, MqttTestClients.Timeout));
        Assert.True(received.TryPeek(out MqttApplicationMessage? arrived));
        using (MessagingActivities.StartMqttProcess(recorder.Source, arrived, Template))
        {
        }

        Activity published = Assert.Single(recorder.Stopped, a => a.Kind == ActivityKind.Producer);
        Activity processed = Assert.Single(recorder.Stopped, a => a.Kind == ActivityKind.Consumer);
        Assert.Equal(published.TraceId, processed.TraceId);
        Assert.Equal(published.SpanId, processed.ParentSpanId);
        Assert.Equal("mqtt", processed.GetTagItem(MessagingAttributes.System));
        Assert.Equal(Topic, processed.GetTagItem(MessagingAttributes.DestinationName));
        Assert.Equal($"process {Template}", processed.DisplayName);
        Assert.Contains(arrived.UserProperties, p => p.Name == RecordHeaders.TraceParent);
        await subscriber.DisconnectAsync().WaitAsync(MqttTestClients.Timeout);
        await device.DisconnectAsync().WaitAsync(MqttTestClients.Timeout);
    }
}

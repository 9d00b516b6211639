using System.Globalization;
using F2.Tests.Infrastructure;
using F2.Tests.Integrations;
using MQTTnet.Protocol;

namespace F2.Tests.Simulator;

/// <summary>The publisher's flow control and delivery accounting, against a scripted broker.</summary>
[Collection(MosquittoCollection.Name)] // with the other tests that run the simulator host: it reports through Environment.ExitCode
public class PublisherTests
{
    [Fact]
    public async Task AConnectionKeepsAsManyPublishesInFlightAsTheBrokersReceiveMaximumAllowsAndNoMore()
    {
        await using var broker = new FakeBroker { ReceiveMaximum = 5, AckDelay = TimeSpan.FromMilliseconds(20) };

        var (_, published, failures) = await SimulatorHosts.RunAsync(Settings(broker, count: 100, ("Connections", "1"), ("MaxInFlight", "64")));

        Assert.Equal((100, 0), (published, failures));
        Assert.Equal(5, broker.MaxInFlight);
    }

    [Fact]
    public async Task AnAcknowledgementWithAnErrorReasonCountsItsMessageAsFailed()
    {
        int seen = 0;
        await using var broker = new FakeBroker
        {
            Acknowledge = _ => Interlocked.Increment(ref seen) % 4 == 0 ? MqttPubAckReasonCode.QuotaExceeded : MqttPubAckReasonCode.NoMatchingSubscribers,
        };

        var (_, published, failures) = await SimulatorHosts.RunAsync(Settings(broker, count: 200));

        Assert.Equal((150, 50), (published, failures));
    }

    [Fact]
    public async Task PublishesInFlightWhenTheConnectionDropsCountAsFailedAndTheRunGoesOnAfterReconnecting()
    {
        int seen = 0;
        await using var broker = new FakeBroker
        {
            ReceiveMaximum = 10,
            Acknowledge = _ => Interlocked.Increment(ref seen) <= 10 ? null : MqttPubAckReasonCode.Success,
        };

        Task<(int, long Published, long Failures)> run = SimulatorHosts.RunAsync(Settings(broker, count: 200, ("Connections", "1")));
        Assert.True(await MqttTestClients.EventuallyAsync(() => broker.Published.Count >= 10, SimulatorHosts.RunTimeout));
        broker.DropConnections();
        var (_, published, failures) = await run;

        Assert.Equal((190, 10), (published, failures));
        Assert.Equal(2, broker.Connects);
    }

    [Fact]
    public async Task AtQos2EachMessageIsReleasedAndCountsOnceTheBrokerCompletesIt()
    {
        await using var broker = new FakeBroker();

        var (_, published, failures) = await SimulatorHosts.RunAsync(Settings(broker, count: 120, ("Qos", "2")));

        Assert.Equal((120, 0), (published, failures));
        Assert.All(broker.Published, p => Assert.Equal(MqttQualityOfServiceLevel.ExactlyOnce, p.QualityOfServiceLevel));
        Assert.Equal(120, broker.Released.Count);
    }

    [Fact]
    public async Task AtQos0MessagesCountWhenWrittenAndTheWindowOnlyBoundsOneWrite()
    {
        await using var broker = new FakeBroker { Acknowledge = _ => null };

        var (_, published, failures) = await SimulatorHosts.RunAsync(Settings(broker, count: 3000, ("Qos", "0"), ("MaxInFlight", "16")));

        Assert.Equal((3000, 0), (published, failures));
        Assert.True(await MqttTestClients.EventuallyAsync(() => broker.Published.Count == 3000, SimulatorHosts.RunTimeout));
        Assert.All(broker.Published, p => Assert.Equal((MqttQualityOfServiceLevel.AtMostOnce, (ushort)0), (p.QualityOfServiceLevel, p.PacketIdentifier)));
    }

    [Fact]
    public async Task AnIdleConnectionSendsPingsWithinTheKeepAliveTheBrokerSets()
    {
        await using var broker = new FakeBroker { ServerKeepAlive = 1 };

        // At 0.1 messages/s nothing is due within the 3 s run: only keep-alives go out.
        var (_, published, _) = await SimulatorHosts.RunAsync(Settings(broker, count: 0, ("Rate", "0.1"), ("Duration", "00:00:03")));

        Assert.Equal(0, published);
        Assert.Empty(broker.Published);
        Assert.InRange(broker.Pings, 2, 12);
    }

    private static Dictionary<string, string?> Settings(FakeBroker broker, int count, params (string Name, string Value)[] options)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:mqtt"] = broker.ConnectionString,
            ["Simulator:Devices"] = "5",
            ["Simulator:Rate"] = "0",
            ["Simulator:MessageCount"] = count.ToString(CultureInfo.InvariantCulture),
            ["Simulator:Connections"] = "2",
            ["Simulator:ConnectAttempts"] = "2",
            ["Simulator:ConnectRetryDelay"] = "00:00:00.050",
        };
        foreach ((string name, string value) in options)
        {
            settings["Simulator:" + name] = value;
        }

        return settings;
    }
}

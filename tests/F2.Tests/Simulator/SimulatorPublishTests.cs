using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using F2.Protocol;
using F2.Tests.Infrastructure;
using F2.Tests.Integrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using MQTTnet;
using MQTTnet.Packets;

namespace F2.Tests.Simulator;

[Collection(MosquittoCollection.Name)]
public class SimulatorPublishTests(MosquittoServer broker)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ARunPublishesTheConfiguredMessagesEachWithATraceparentAndThenStopsTheHost()
    {
        const int count = 700;
        using IMqttClient subscriber = new MqttClientFactory().CreateMqttClient();
        ConcurrentQueue<MqttApplicationMessage> received = MqttTestClients.Collect(subscriber);
        await subscriber.ConnectAsync(F2.Integrations.Mqtt.MqttClientOptionsFactory
            .CreateBuilder(F2.Integrations.Mqtt.MqttConnectionString.Parse(broker.ConnectionString), "f2-test-sim-subscriber").Build())
            .WaitAsync(MqttTestClients.Timeout);
        await MqttTestClients.SubscribeAsync(subscriber, "cmnd/+/#");

        int exitCode = await RunSimulatorAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:mqtt"] = broker.ConnectionString,
            ["Simulator:Devices"] = "14",
            ["Simulator:Seed"] = "3",
            ["Simulator:Rate"] = "5000",
            ["Simulator:MessageCount"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Simulator:Connections"] = "3",
            ["Simulator:MaxInFlight"] = "16",
        });

        Assert.Equal(0, exitCode);
        Assert.True(await MqttTestClients.EventuallyAsync(() => received.Count >= count, RunTimeout), $"received {received.Count} of {count}");
        await Task.Delay(200);
        Assert.Equal(count, received.Count);
        Assert.All(received, message => Assert.Matches(
            "^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$",
            Assert.Single(message.UserProperties ?? [], p => p.Name == RecordHeaders.TraceParent).ReadValueAsString()));
        SimulatorRun expected = SimulatorRun.Generate(SimulatorRun.Options(devices: 14, seed: 3), count);
        Assert.Equal(
            expected.Messages.Select(m => m.Topic).Order(StringComparer.Ordinal),
            received.Select(m => m.Topic).Order(StringComparer.Ordinal));
        Assert.All(received, message => Assert.True(expected.Decode(new(message.Topic, System.Buffers.BuffersExtensions.ToArray(message.Payload))).Result.IsSuccess));
    }

    [Fact]
    public async Task ASimulatorThatCannotReachTheBrokerStopsWithANonZeroExitCode()
    {
        int exitCode = await RunSimulatorAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:mqtt"] = $"mqtt://127.0.0.1:{ClosedPort()}",
            ["Simulator:ConnectAttempts"] = "2",
            ["Simulator:ConnectRetryDelay"] = "00:00:00.050",
            ["Simulator:Connections"] = "1",
        });

        Assert.Equal(1, exitCode);
    }

    /// <summary>Runs the simulator as its Program.cs does, until it stops the host; returns the exit code it set.</summary>
    private static async Task<int> RunSimulatorAsync(Dictionary<string, string?> settings)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSimulator();
        using IHost host = builder.Build();
        try
        {
            await host.RunAsync().WaitAsync(RunTimeout);
            return Environment.ExitCode;
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

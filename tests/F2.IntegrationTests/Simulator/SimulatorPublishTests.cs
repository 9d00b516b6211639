using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using F2.Protocol;
using F2.Tests.Infrastructure;
using F2.Tests.Integrations;
using F2.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MQTTnet;
using MQTTnet.Packets;

namespace F2.Tests.Simulator;

[Collection(MosquittoCollection.Name)]
public class SimulatorPublishTests(MosquittoServer broker)
{
    private static readonly TimeSpan RunTimeout = SimulatorHosts.RunTimeout;

    [Fact]
    public async Task ARunPublishesTheConfiguredMessagesEachWithATraceparentAndThenStopsTheHost()
    {
        const int count = 700;
        using IMqttClient subscriber = await MqttTestClients.ConnectAsync(broker.ConnectionString, "f2-test-sim-subscriber");
        ConcurrentQueue<MqttApplicationMessage> received = MqttTestClients.Collect(subscriber);
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
            ["Simulator:Doors:Idle"] = "01:00:00",
        });

        Assert.Equal(0, exitCode);
        // A marker published after the run: the broker queues it behind every message the simulator had acknowledged,
        // so once it is here nothing of the run is still on its way, and an extra message would have arrived before it.
        const string Marker = "cmnd/f2-test-marker/after-the-run";
        using (IMqttClient marker = await MqttTestClients.ConnectAsync(broker.ConnectionString, "f2-test-sim-marker"))
        {
            await MqttTestClients.PublishAsync(marker, Marker, [1]);
        }

        Assert.True(await MqttTestClients.EventuallyAsync(() => received.Any(message => message.Topic == Marker), RunTimeout), $"received {received.Count} of {count}, not the marker");
        received = new ConcurrentQueue<MqttApplicationMessage>(received.Where(message => message.Topic != Marker));
        Assert.Equal(count, received.Count);
        Assert.All(received, message => Assert.Matches(
            "^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$",
            Assert.Single(message.UserProperties ?? [], p => p.Name == RecordHeaders.TraceParent).ReadValueAsString()));
        // Door uses come at their own device times (with this seed and Idle, none in the first seconds of a run), so
        // within the few seconds of either run the messages are the doors' baselines and the other connectors' messages.
        SimulatorOptions options = SimulatorRun.Options(devices: 14, seed: 3);
        options.Doors.Idle = TimeSpan.FromHours(1);
        SimulatorRun expected = SimulatorRun.Generate(options, count);
        Assert.Equal(
            expected.Messages.Select(m => m.Topic).Order(StringComparer.Ordinal),
            received.Select(m => m.Topic).Order(StringComparer.Ordinal));
        Assert.All(received, message => Assert.True(expected.Decode(new(message.Topic, System.Buffers.BuffersExtensions.ToArray(message.Payload))).Result.IsSuccess));
    }

    [Fact]
    public async Task WithATracerListeningEachMessageCarriesTheContextOfItsOwnProducerSpan()
    {
        var spans = new ConcurrentDictionary<string, Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "F2.Simulator",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => spans[activity.Id!] = activity,
        };
        ActivitySource.AddActivityListener(listener);
        using IMqttClient subscriber = await MqttTestClients.ConnectAsync(broker.ConnectionString, "f2-test-sim-tracing");
        ConcurrentQueue<MqttApplicationMessage> received = MqttTestClients.Collect(subscriber);
        await MqttTestClients.SubscribeAsync(subscriber, "cmnd/+/#");

        Assert.Equal(0, await RunSimulatorAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:mqtt"] = broker.ConnectionString,
            ["Simulator:Devices"] = "7",
            ["Simulator:Rate"] = "2000",
            ["Simulator:MessageCount"] = "100",
        }));

        Assert.True(await MqttTestClients.EventuallyAsync(() => received.Count >= 100, RunTimeout), $"received {received.Count} of 100");
        Assert.All(received, message =>
        {
            string traceParent = Assert.Single(message.UserProperties ?? [], p => p.Name == RecordHeaders.TraceParent).ReadValueAsString();
            Assert.True(spans.TryGetValue(traceParent, out Activity? span), traceParent);
            Assert.Equal((ActivityKind.Producer, message.Topic, default(ActivitySpanId)), (span.Kind, span.GetTagItem("messaging.destination.name"), span.ParentSpanId));
            Assert.EndsWith("-01", traceParent, StringComparison.Ordinal);
        });
        Assert.Equal(100, received.Select(m => m.UserProperties!.Single(p => p.Name == RecordHeaders.TraceParent).ReadValueAsString()[3..35]).Distinct().Count());
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

    [Fact]
    public async Task WhenTheBrokerRestartsMidRunTheSimulatorReconnectsAndFinishesTheRun()
    {
        const int count = 3000;
        IHost host = BuildSimulator(new Dictionary<string, string?>
        {
            ["ConnectionStrings:mqtt"] = broker.ConnectionString,
            ["Simulator:Devices"] = "7",
            ["Simulator:Rate"] = "1000",
            ["Simulator:MessageCount"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using (host)
        {
            var telemetry = host.Services.GetRequiredService<SimulatorTelemetry>();
            Task run = host.RunAsync();
            Assert.True(await MqttTestClients.EventuallyAsync(() => telemetry.Published > 300, RunTimeout));

            await broker.RestartAsync().WaitAsync(RunTimeout);
            long publishedBeforeRestart = telemetry.Published;
            await run.WaitAsync(RunTimeout);

            Assert.False(telemetry.RunFailed);
            Assert.Equal(count, telemetry.Published + telemetry.Failures);
            Assert.True(telemetry.Published > publishedBeforeRestart + 1000, $"{publishedBeforeRestart} then {telemetry.Published}");
        }
    }

    private static IHost BuildSimulator(Dictionary<string, string?> settings) => SimulatorHosts.Build(settings);

    private static async Task<int> RunSimulatorAsync(Dictionary<string, string?> settings) =>
        (await SimulatorHosts.RunAsync(settings)).ExitCode;

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

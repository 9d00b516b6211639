using F2.Doors.Derivation;
using F2.Harness.Pipeline;
using F2.Protocol;
using F2.Tests.AppHost;
using F2.Tests.Infrastructure;
using F2.Tests.Sink;
using F2.Tests.Storage;
using F2.Testing.Doors;
using Microsoft.Extensions.Logging.Abstractions;

namespace F2.Tests.Doors;

/// <summary>
/// Issue 16 item 3: the door stage as its own process, killed with SIGKILL mid-stream while traffic is still being
/// produced, then restarted, writes exactly the events of an uninterrupted derivation of the same input.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DoorsKillTests(PostgresServer postgres)
{
    [Fact]
    public async Task AStageKilledMidStreamAndRestartedWritesExactlyTheEventsOfAnUninterruptedRun()
    {
        List<DecodedMessage> traffic = DoorTraffic.Generate(devices: 24, sequencesPerDevice: 60, seed: 16, start: DateTime.UtcNow.Date.AddHours(-3));
        List<string> uninterrupted = Uninterrupted(traffic);
        Assert.True(uninterrupted.Count > 500, $"the traffic gives only {uninterrupted.Count} events");
        await using DoorsStage stage = await DoorsStage.CreateAsync(postgres);
        using var logs = new TestStateFolder();
        await using var process = new ServiceProcess(
            "doors", ServiceKind.Doors, ServiceBinaries.LocateFor(typeof(DoorsKillTests).Assembly).PathOf(ServiceKind.Doors),
            F2.Harness.Benchmark.BenchmarkPorts.Free(),
            stage.Settings().ToDictionary(entry => entry.Key.Replace(":", "__", StringComparison.Ordinal), entry => entry.Value!),
            Path.Combine(logs.Path, "doors.log"), NullLogger.Instance);
        process.Start();
        await process.WaitHealthyAsync(DoorsStage.Timeout, CancellationToken.None);

        Task producing = ProduceInChunksAsync(stage.Kafka.BootstrapServers, traffic);
        await Poll.UntilAsync(async () => await stage.ProcessedAsync() >= traffic.Count / 3, DoorsStage.Timeout, "the stage never got a third of the way");
        await process.KillAsync();
        long processedAtKill = await stage.ProcessedAsync();
        process.Start();
        await producing.WaitAsync(DoorsStage.Timeout);
        await Poll.UntilAsync(async () => await stage.ProcessedAsync() == traffic.Count, DoorsStage.Timeout * 2, "the restarted stage never caught up");

        Assert.True(processedAtKill < traffic.Count, "the kill came after the end of the stream");
        Assert.Equal(uninterrupted, await stage.EventsAsync());
    }

    private static List<string> Uninterrupted(List<DecodedMessage> traffic)
    {
        var deriver = new DoorDeriver(DoorSettingsTable.Empty);
        var events = new List<DoorEvent>();
        foreach (DecodedMessage message in traffic)
        {
            deriver.Process(message, events);
        }

        return [.. DoorEventVector.RenderInOrder(events)];
    }

    private static async Task ProduceInChunksAsync(string bootstrapServers, List<DecodedMessage> traffic)
    {
        foreach (DecodedMessage[] chunk in traffic.Chunk(200))
        {
            await DecodedTopic.ProduceAsync(bootstrapServers, chunk);
        }
    }
}

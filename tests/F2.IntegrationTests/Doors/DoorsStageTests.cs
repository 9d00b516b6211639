using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using F2.Doors.Derivation;
using F2.Protocol;
using F2.Tests.Infrastructure;
using F2.Tests.Sink;
using F2.Tests.Storage;

namespace F2.Tests.Doors;

/// <summary>The door stage against the Kafka stand-in and a real PostgreSQL: exact events, replays, the silence fallback.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DoorsStageTests(PostgresServer postgres)
{
    public static TheoryData<string> SampleVectors() =>
    [
        "held open fired at close",
        "two devices interleaved",
        "duplicates are ignored",
        "failed to relock after close",
    ];

    [Theory]
    [MemberData(nameof(SampleVectors))]
    public async Task AVectorThroughTheStageWritesExactlyItsEventsAndAReplayAddsNone(string name)
    {
        DoorEventVector vector = DoorEventVector.All().First(v => v.Name == name);
        DecodedMessage[] messages = [.. vector.DecodedMessages()];
        await using DoorsStage stage = await DoorsStage.CreateAsync(postgres);
        await stage.StartAsync();

        await DecodedTopic.ProduceAsync(stage.Kafka.BootstrapServers, messages);
        await Poll.UntilAsync(async () => await stage.ProcessedAsync() == messages.Length, DoorsStage.Timeout, "the stage never processed every message");
        Assert.Equal(vector.ExpectedEvents, await stage.EventsAsync());
        await stage.StopAsync();

        // Replaying the whole topic from the start (a new group, so new state) adds no event.
        await stage.StartAsync(group: "f2-doors-replay");
        await Poll.UntilAsync(async () => await stage.ProcessedAsync("f2-doors-replay") == messages.Length, DoorsStage.Timeout, "the replay never finished");
        Assert.Equal(vector.ExpectedEvents, await stage.EventsAsync());
    }

    [Fact]
    public async Task TheCountersOfSpecSection10AndTheLatestEventsViewShowWhatTheStageDid()
    {
        DoorEventVector vector = DoorEventVector.All().First(v => v.Name == "duplicates are ignored");
        DecodedMessage[] messages = [.. vector.DecodedMessages()];
        await using DoorsStage stage = await DoorsStage.CreateAsync(postgres);
        await stage.StartAsync();
        using var meters = new DoorsMeterRecorder(stage.Services.GetRequiredService<IMeterFactory>());

        await DecodedTopic.ProduceAsync(stage.Kafka.BootstrapServers, messages);
        await Poll.UntilAsync(async () => await stage.ProcessedAsync() == messages.Length, DoorsStage.Timeout, "the stage never processed every message");

        Assert.Equal(8, meters.Sum("f2.doors.signals", ("outcome", "duplicate")));
        Assert.Equal(8, meters.Sum("f2.doors.signals", ("outcome", "accepted")));
        Assert.Equal(0, meters.Sum("f2.doors.signals", ("outcome", "late")));
        Assert.Equal(1, meters.Sum("f2.doors.events", ("event_type", "access_granted")));
        Assert.Equal(1, meters.Sum("f2.doors.events"));
        await using NpgsqlCommand latest = stage.Telemetry.CreateCommand("SELECT device_id || ' ' || door || ' ' || event_type FROM door_events_latest");
        Assert.Equal("f2-e4fd45f654be 1 access_granted", await latest.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ADoorForcedOpenOnAQuietControllerIsReportedWithinLatenessPlusSilenceFallback()
    {
        TimeSpan silenceFallback = TimeSpan.FromSeconds(5);
        TimeSpan lateness = TimeSpan.FromSeconds(2);
        await using DoorsStage stage = await DoorsStage.CreateAsync(postgres);
        await stage.StartAsync(silenceFallback);
        DateTime now = DateTime.UtcNow;
        const string device = "f2-0000000fa11b";
        DecodedMessage[] baseline =
        [
            Row(device, now.AddSeconds(-10), "strike", "1", 1, 0),
            Row(device, now.AddSeconds(-10), "door-sensors", "N/A", 1, 0),
        ];
        await DecodedTopic.ProduceAsync(stage.Kafka.BootstrapServers, baseline);
        await Poll.UntilAsync(async () => await stage.ProcessedAsync() == 2, DoorsStage.Timeout, "the baseline was never processed");

        DateTime opened = DateTime.UtcNow;
        long wall = Stopwatch.GetTimestamp();
        await DecodedTopic.ProduceAsync(stage.Kafka.BootstrapServers, [Row(device, opened, "door-sensors", "N/A", 1, 1)]);
        await Poll.UntilAsync(async () => (await stage.EventsAsync()).Count > 0, DoorsStage.Timeout, "the forced opening was never reported");
        TimeSpan took = Stopwatch.GetElapsedTime(wall);

        string forced = Assert.Single(await stage.EventsAsync());
        Assert.Contains("| door_forced_open |", forced, StringComparison.Ordinal);
        Assert.Contains(DoorEventVector.Time(DoorDeriver.Micros(opened)), forced, StringComparison.Ordinal);
        // The fallback releases it once the device time it reckons passes the opening by lateness; the bound allows
        // for the batch linger and the fallback's check interval (a tenth of its period).
        Assert.True(took < lateness + silenceFallback + TimeSpan.FromSeconds(1.5), $"reported after {took}");
    }

    private static DecodedMessage Row(string device, DateTime time, string type, string id, int pin, double value)
    {
        string component = type == "strike" ? "strike-" + id : type;
        string topic = $"cmnd/{device}/access-control-mode/J1/{component}";
        time = new DateTime(time.Ticks / 10 * 10, DateTimeKind.Utc);
        return new DecodedMessage(topic, time, 0, 0, [new DecodedRow(time, device, "access-control-mode", "J1", type, id, pin, value, null, "state")]);
    }
}

using System.Text;
using F2.Protocol;
using F2.Storage.DeadLetters;
using F2.Tests.Infrastructure;
using F2.Tests.Sink;

namespace F2.Tests.DeadLetters;

[Collection(PostgresCollection.Name)]
public sealed class DeadLetterStoreTests(PostgresServer postgres)
{
    private static readonly DateTime Noon = new(2026, 3, 14, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task KeepingTheSameDeadLetterTwiceLeavesOneRowAndReportsOnlyTheFirstInsert()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        var store = new DeadLetterStore(database.DataSource);
        KeptDeadLetter deadLetter = Letter(offset: 7, "value_invalid", "f2-0000000000a1", Noon);

        var first = store.Insert([deadLetter, deadLetter]);
        var again = store.Insert([deadLetter with { Detail = "written again" }]);

        Assert.Equal([(StageNames.Decoder, "value_invalid")], first);
        Assert.Empty(again);
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM dead_letters"));
        Assert.Equal(1, await database.ScalarAsync(
            """
            SELECT count(*) FROM dead_letters
            WHERE source_topic = 'raw_iot_data' AND source_partition = 2 AND source_offset = 7 AND detail = 'bad value'
              AND payload = convert_to('{"v":1}', 'UTF8') AND mqtt_topic = 'cmnd/f2-0000000000a1/access-control-mode/J2/sensor-3'
              AND kept_at IS NOT NULL AND replay_count = 0 AND replayed_at IS NULL
            """));
    }

    [Fact]
    public async Task TheListKeepsTheOriginalBytesAndFiltersByReasonDeviceStageAndTimeOldestFirstUpToTheLimit()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        var store = new DeadLetterStore(database.DataSource);
        byte[] binary = [0x00, 0xFF, 0xFE, 0x01];
        store.Insert(
        [
            Letter(1, "value_invalid", "f2-0000000000a1", Noon.AddMinutes(3)),
            Letter(2, "value_invalid", "f2-0000000000a1", Noon.AddMinutes(1)) with { Payload = binary },
            Letter(3, "value_invalid", "f2-0000000000a2", Noon.AddMinutes(2)),
            Letter(4, "payload_not_json", "f2-0000000000a1", Noon.AddMinutes(4)),
            Letter(5, "value_invalid", "f2-0000000000a1", Noon.AddHours(2)),
            Letter(6, DeadLetterReasons.RecordInvalid, "f2-0000000000a1", Noon.AddMinutes(5)) with { Stage = StageNames.Sink },
        ]);

        var query = new DeadLetterQuery { Reason = "value_invalid", DeviceId = "f2-0000000000a1", Since = Noon, Until = Noon.AddHours(1) };
        IReadOnlyList<DeadLetterEntry> listed = await store.ListAsync(query, CancellationToken.None);
        IReadOnlyList<DeadLetterEntry> limited = await store.ListAsync(new DeadLetterQuery { Limit = 2 }, CancellationToken.None);
        IReadOnlyList<DeadLetterEntry> sink = await store.ListAsync(new DeadLetterQuery { Stage = StageNames.Sink }, CancellationToken.None);

        Assert.Equal([2L, 1L], listed.Select(entry => entry.DeadLetter.Source.Offset));
        Assert.Equal(binary, listed[0].DeadLetter.Payload);
        Assert.Equal(Noon.AddMinutes(1), listed[0].DeadLetter.DeadLetteredAt);
        Assert.Equal(Noon.AddMinutes(1).AddSeconds(-1), listed[0].DeadLetter.ReceivedAt);
        Assert.Equal([2L, 3L], limited.Select(entry => entry.DeadLetter.Source.Offset));
        Assert.Equal([6L], sink.Select(entry => entry.DeadLetter.Source.Offset));
    }

    [Fact]
    public async Task TheSummaryCountsByReasonAndByDeviceWithTheOldestAndNewestInTheWindow()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        var store = new DeadLetterStore(database.DataSource);
        store.Insert(
        [
            Letter(1, "value_invalid", "f2-0000000000a1", Noon.AddMinutes(1)),
            Letter(2, "value_invalid", "f2-0000000000a2", Noon.AddMinutes(2)),
            Letter(3, "payload_not_json", "f2-0000000000a1", Noon.AddMinutes(3)),
            Letter(4, "topic_invalid", null, Noon.AddMinutes(4)) with { Stage = StageNames.Ingest },
            Letter(5, "value_invalid", "f2-0000000000a3", Noon.AddDays(-1)),
        ]);

        DeadLetterSummary summary = await store.SummaryAsync(new DeadLetterQuery { Since = Noon, Limit = 2 }, CancellationToken.None);

        Assert.Equal(4, summary.Total);
        Assert.Equal(Noon.AddMinutes(1), summary.Oldest);
        Assert.Equal(Noon.AddMinutes(4), summary.Newest);
        Assert.Equal([new("value_invalid", 2), new("payload_not_json", 1), new("topic_invalid", 1)], summary.ByReason);
        Assert.Equal(new DeadLetterCount("f2-0000000000a1", 2), summary.ByDevice[0]);
        Assert.Equal(2, summary.ByDevice.Count);
        Assert.Equal(1, summary.OtherDevices);
    }

    [Fact]
    public async Task AnEmptyStoreSummarisesAsNothing()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);

        DeadLetterSummary summary = await new DeadLetterStore(database.DataSource).SummaryAsync(new DeadLetterQuery(), CancellationToken.None);

        Assert.Equal(new DeadLetterSummary(0, null, null, [], [], 0), summary with { ByReason = [], ByDevice = [] });
        Assert.Empty(summary.ByReason);
    }

    [Fact]
    public async Task AReplayOutcomeIsRecordedWithItsReasonAndEachReplayIsCounted()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        var store = new DeadLetterStore(database.DataSource);
        store.Insert([Letter(1, "value_invalid", "f2-0000000000a1", Noon)]);
        long id = (await store.ListAsync(new DeadLetterQuery(), CancellationToken.None))[0].Id;

        await store.RecordReplayOutcomeAsync(id, ReplayOutcomes.Rejected, "value_invalid", "still bad", CancellationToken.None);
        await store.RecordReplayOutcomeAsync(id, ReplayOutcomes.Stored, null, null, CancellationToken.None);

        DeadLetterEntry entry = (await store.ListAsync(new DeadLetterQuery(), CancellationToken.None))[0];
        Assert.Equal((ReplayOutcomes.Stored, (string?)null, (string?)null, 2), (entry.ReplayOutcome, entry.ReplayReason, entry.ReplayDetail, entry.ReplayCount));
        Assert.NotNull(entry.ReplayedAt);
    }

    [Fact]
    public async Task RetentionDeletesTheDeadLettersOlderThanTheCutoffAndKeepsTheRest()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        var store = new DeadLetterStore(database.DataSource);
        store.Insert([Letter(1, "value_invalid", "f2-0000000000a1", Noon.AddDays(-31)), Letter(2, "value_invalid", "f2-0000000000a1", Noon.AddDays(-29))]);

        int deleted = await store.DeleteOlderThanAsync(Noon.AddDays(-30), CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.Equal(2, await database.ScalarAsync("SELECT min(source_offset) FROM dead_letters"));
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM dead_letters"));
    }

    internal static KeptDeadLetter Letter(long offset, string reason, string? deviceId, DateTime deadLetteredAt) => new()
    {
        Source = new SourceCoordinates(KafkaTopics.Raw, 2, offset),
        Stage = StageNames.Decoder,
        Reason = reason,
        Detail = "bad value",
        DeviceId = deviceId,
        MqttTopic = $"cmnd/{deviceId ?? "f2-0000000000a1"}/access-control-mode/J2/sensor-3",
        ReceivedAt = deadLetteredAt.AddSeconds(-1),
        Payload = Encoding.UTF8.GetBytes("""{"v":1}"""),
        DeadLetteredAt = deadLetteredAt,
    };
}

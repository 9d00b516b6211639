using System.Diagnostics.Metrics;
using System.Text;
using F2.Decoder.DeadLetters;
using F2.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace F2.Tests.DeadLetters;

/// <summary>Issue 14 point 3: <c>deadletters replay</c> against real PostgreSQL databases, through the command's entry point.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReplayCommandTests(PostgresServer postgres)
{
    private const string Device = "f2-0000000000c2";
    private const int Messages = 40;
    private const int Invalid = 3;

    [Fact]
    public async Task ReplayingParamsMissingOnceTheParametersAreLoadedStoresExactlyTheirRowsAndASecondReplayAddsNone()
    {
        await using var databases = await ReplayDatabases.CreateAsync(postgres);
        KeepParamsMissing(databases);
        await databases.LoadParametersAsync(StrikeMessages.Parameter(Device));

        var (code, output) = await ReplayAsync(databases, "--reason", "params_missing");

        Assert.Equal(0, code);
        Assert.Contains($"stored: {Messages} ({Messages} row(s), {Messages} new)", output);
        Assert.Contains($"rejected: {Invalid}", output);
        Assert.Contains($"  timestamp_invalid: {Invalid}", output);
        var expected = Enumerable.Range(0, Messages).Select(i => (Device, StrikeMessages.Time(i), (double?)StrikeMessages.Value(i), (string?)null)).ToList();
        var rows = await databases.RowsAsync();
        Assert.Equal(expected, rows);
        Assert.Equal(Messages, await databases.ScalarAsync("SELECT count(*) FROM dead_letters WHERE replay_outcome = 'stored' AND replay_reason IS NULL AND replay_count = 1"));
        Assert.Equal(Invalid, await databases.ScalarAsync(
            "SELECT count(*) FROM dead_letters WHERE replay_outcome = 'rejected' AND replay_reason = 'timestamp_invalid' AND reason = 'params_missing'"));

        var (again, secondOutput) = await ReplayAsync(databases, "--reason", "params_missing");

        Assert.Equal(0, again);
        Assert.Contains("stored: 0 (0 row(s), 0 new)", secondOutput);
        Assert.Equal(rows, await databases.RowsAsync());
        Assert.Equal(Messages + Invalid, await databases.ScalarAsync("SELECT count(*) FROM dead_letters"));
        Assert.Equal(Messages, await databases.ScalarAsync("SELECT count(*) FROM dead_letters WHERE replay_outcome = 'stored' AND replay_count = 1"));
    }

    [Fact]
    public async Task ADryRunCountsTheOutcomesAndWritesNothing()
    {
        await using var databases = await ReplayDatabases.CreateAsync(postgres);
        KeepParamsMissing(databases);
        await databases.LoadParametersAsync(StrikeMessages.Parameter(Device));

        var (code, output) = await ReplayAsync(databases, "--dry-run");

        Assert.Equal(0, code);
        Assert.Contains($"would be stored: {Messages} ({Messages} row(s))", output);
        Assert.Contains($"would be rejected: {Invalid}", output);
        Assert.Equal(0, await databases.ScalarAsync("SELECT count(*) FROM iot_measurements"));
        Assert.Equal(0, await databases.ScalarAsync("SELECT count(*) FROM dead_letters WHERE replayed_at IS NOT NULL OR replay_outcome IS NOT NULL OR replay_count <> 0"));
    }

    [Fact]
    public async Task AMessageThatWasInFactStoredAddsNoRowAndIsRecordedStored()
    {
        await using var databases = await ReplayDatabases.CreateAsync(postgres);
        KeepParamsMissing(databases);
        await databases.LoadParametersAsync(StrikeMessages.Parameter(Device));
        Assert.Equal(0, (await ReplayAsync(databases, "--limit", "10")).Code);
        await databases.ScalarAsync("UPDATE dead_letters SET replay_outcome = NULL, replayed_at = NULL WHERE id IN (SELECT id FROM dead_letters ORDER BY id LIMIT 10) RETURNING 0");

        var (code, output) = await ReplayAsync(databases);

        Assert.Equal(0, code);
        Assert.Contains($"stored: {Messages} ({Messages} row(s), {Messages - 10} new)", output);
        Assert.Equal(Messages, await databases.ScalarAsync("SELECT count(*) FROM iot_measurements"));
    }

    [Fact]
    public async Task AReplayedReaderTextIsStoredAsTheDecoderStoresIt()
    {
        await using var databases = await ReplayDatabases.CreateAsync(postgres);
        const string Topic = $"cmnd/{Device}/access-control-mode/J3/reader-1";
        databases.KeepDecoderDeadLetters(Topic, Device, "params_missing", [Encoding.UTF8.GetBytes("{\"timestamp\": \"2026-03-14 09:00:00.000001\", \"data\": \"04F38E7F024BB6\"}")]);
        await databases.LoadParametersAsync(new F2.Protocol.DeviceParameter(Device, "access-control-mode", "qr-nfc-reader", "1", F2.Protocol.EncodingType.RawString, "text"));

        Assert.Equal(0, (await ReplayAsync(databases)).Code);

        Assert.Equal(TestReaderKey.Key.StoredForm("04F38E7F024BB6"), Assert.Single(await databases.RowsAsync()).Text);
    }

    [Fact]
    public async Task EachReplayedDeadLetterIsCountedByOutcome()
    {
        await using var databases = await ReplayDatabases.CreateAsync(postgres);
        KeepParamsMissing(databases);
        await databases.LoadParametersAsync(StrikeMessages.Parameter(Device));
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var counted = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "f2.deadletters.replayed" && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string outcome = (string)tags.ToArray().Single(tag => tag.Key == "outcome").Value!;
            counted[outcome] = counted.GetValueOrDefault(outcome) + value;
        });
        listener.Start();

        Assert.Equal(0, (await ReplayAsync(databases, meters)).Code);

        Assert.Equal(new Dictionary<string, long> { ["stored"] = Messages, ["rejected"] = Invalid }, counted);
    }

    [Fact]
    public async Task AReplayWithoutTheTelemetryConnectionStringSaysWhatIsMissing()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var error = new StringWriter();
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();

        int code = await ReplayCommand.RunAsync(["deadletters", "replay"], configuration, services.GetRequiredService<IMeterFactory>(), new StringWriter(), error, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Contains("ConnectionStrings:telemetrydb", error.ToString());
    }

    private static void KeepParamsMissing(ReplayDatabases databases)
    {
        databases.KeepDecoderDeadLetters(StrikeMessages.Topic(Device), Device, "params_missing", Enumerable.Range(0, Messages).Select(StrikeMessages.Payload));
        databases.KeepDecoderDeadLetters(StrikeMessages.Topic(Device), Device, "params_missing", Enumerable.Range(0, Invalid).Select(StrikeMessages.BadTimestamp), firstOffset: Messages);
    }

    private static async Task<(int Code, string Output)> ReplayAsync(ReplayDatabases databases, params string[] options)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        return await ReplayAsync(databases, services.GetRequiredService<IMeterFactory>(), options);
    }

    private static async Task<(int Code, string Output)> ReplayAsync(ReplayDatabases databases, IMeterFactory meters, params string[] options)
    {
        var output = new StringWriter();
        int code = await ReplayCommand.RunAsync(["deadletters", "replay", .. options], databases.Configuration(), meters, output, output, CancellationToken.None)
            .WaitAsync(ReplayDatabases.Timeout);
        return (code, output.ToString());
    }
}

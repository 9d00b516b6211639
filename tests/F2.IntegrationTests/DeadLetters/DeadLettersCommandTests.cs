using System.Text;
using F2.Decoder;
using F2.Protocol;
using F2.Storage.DeadLetters;
using F2.Tests.Infrastructure;
using F2.Tests.Sink;
using Microsoft.Extensions.Configuration;

namespace F2.Tests.DeadLetters;

[Collection(PostgresCollection.Name)]
public sealed class DeadLettersCommandTests(PostgresServer postgres)
{
    private static readonly DateTime Noon = DeadLetterStoreTests.Noon;

    [Fact]
    public async Task SummaryCountsTheDeadLettersOfTheWindowByReasonAndByDevice()
    {
        await using TelemetryDatabase database = await SeededAsync();

        (int exit, string output, _) = await RunAsync(database, "deadletters", "summary", "--since", "2026-03-14T12:00:00Z", "--until", "2026-03-14T13:00:00Z");

        Assert.Equal(0, exit);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("3 dead letter(s), oldest 2026-03-14T12:01:00.000000Z, newest 2026-03-14T12:03:00.000000Z", lines[0]);
        Assert.Equal(["by reason:", "2  value_invalid", "1  topic_invalid", "by device:", "2  f2-0000000000a1", "1  (no device)"], lines[1..]);
    }

    [Fact]
    public async Task ListShowsOneLinePerMatchingDeadLetterWithItsPayloadShownSafely()
    {
        await using TelemetryDatabase database = await SeededAsync();

        (int exit, string output, _) = await RunAsync(database, "deadletters", "list", "--reason", "value_invalid", "--device", "f2-0000000000a1", "--limit", "5");

        Assert.Equal(0, exit);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            [
                "2026-03-14T12:01:00.000000Z  decoder  value_invalid  f2-0000000000a1  cmnd/f2-0000000000a1/access-control-mode/J2/sensor-3  bad value  {\"v\":1}",
                "2026-03-14T12:02:00.000000Z  decoder  value_invalid  f2-0000000000a1  cmnd/f2-0000000000a1/access-control-mode/J2/sensor-3  bad value  base64:AP8bWzJK",
                "2026-03-14T14:00:00.000000Z  decoder  value_invalid  f2-0000000000a1  cmnd/f2-0000000000a1/access-control-mode/J2/sensor-3  bad value  {\\n \"v\": 1}",
                "3 dead letter(s).",
            ],
            lines);
    }

    [Theory]
    [InlineData("deadletters")]
    [InlineData("deadletters", "count")]
    [InlineData("deadletters", "list", "--reason")]
    [InlineData("deadletters", "list", "--limit", "0")]
    [InlineData("deadletters", "list", "--limit", "many")]
    [InlineData("deadletters", "list", "--since", "yesterday-ish")]
    [InlineData("deadletters", "summary", "--since", "2026-03-14", "--until", "2026-03-13")]
    [InlineData("deadletters", "summary", "--colour", "red")]
    public async Task BadArgumentsAreRefusedWithTheUsageAndExitCodeTwo(params string[] args)
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);

        (int exit, string output, string errors) = await RunAsync(database, args);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("usage: F2.Decoder deadletters summary", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void ALongPrintablePayloadIsCutAndSaysItsSize()
    {
        string shown = PayloadText.Show(Encoding.UTF8.GetBytes(new string('x', 100)), 10);

        Assert.Equal("xxxxxxxxxx… (100 bytes)", shown);
        Assert.Equal("base64:G1szMW1yZWQ=", PayloadText.Show(Encoding.UTF8.GetBytes("\u001b[31mred"), 80));
        Assert.Equal("base64:4oCuYWJj", PayloadText.Show(Encoding.UTF8.GetBytes("\u202eabc"), 80));
    }

    private async Task<TelemetryDatabase> SeededAsync()
    {
        TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        new DeadLetterStore(database.DataSource).Insert(
        [
            DeadLetterStoreTests.Letter(1, "value_invalid", "f2-0000000000a1", Noon.AddMinutes(1)),
            DeadLetterStoreTests.Letter(2, "value_invalid", "f2-0000000000a1", Noon.AddMinutes(2)) with { Payload = [0x00, 0xFF, 0x1B, 0x5B, 0x32, 0x4A] },
            DeadLetterStoreTests.Letter(3, "topic_invalid", null, Noon.AddMinutes(3)) with { Stage = StageNames.Ingest },
            DeadLetterStoreTests.Letter(4, "value_invalid", "f2-0000000000a1", Noon.AddHours(2)) with { Payload = Encoding.UTF8.GetBytes("{\n \"v\": 1}") },
            DeadLetterStoreTests.Letter(5, "payload_not_json", "f2-0000000000a2", Noon.AddDays(-1)),
        ]);
        return database;
    }

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(TelemetryDatabase database, params string[] args)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:telemetrydb"] = database.ConnectionString })
            .Build();
        using var output = new StringWriter();
        using var errors = new StringWriter();
        int exit = await DeadLettersCommand.RunAsync(args, configuration, output, errors).WaitAsync(TelemetryDatabase.Timeout);
        return (exit, output.ToString(), errors.ToString());
    }
}

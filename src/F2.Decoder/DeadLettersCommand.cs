using System.Globalization;
using F2.Storage.DeadLetters;
using Npgsql;

namespace F2.Decoder;

/// <summary>
/// <c>deadletters summary</c> and <c>deadletters list</c> with the filters of <see cref="DeadLetterFilterArguments"/>:
/// read <c>telemetrydb.dead_letters</c> (which the Sink fills) through <c>ConnectionStrings:telemetrydb</c>.
/// </summary>
internal static class DeadLettersCommand
{
    private const int PayloadChars = 80;

    private static readonly string Usage =
        $"usage: F2.Decoder deadletters summary {DeadLetterFilterArguments.Usage} | F2.Decoder deadletters list {DeadLetterFilterArguments.Usage} | F2.Decoder deadletters replay (see docs/OPERATIONS.md)";

    public static bool IsInvoked(string[] args) => args is ["deadletters", ..] && !DeadLetters.ReplayCommand.IsInvoked(args);

    /// <summary>Runs the command; returns the process exit code (0 done, 2 usage or bad argument, 3 database error).</summary>
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        if (args is not ["deadletters", "summary" or "list", ..])
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        if (!DeadLetterFilterArguments.TryParse(args[2..], out DeadLetterQuery query, out string? problem))
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(Usage);
            return 2;
        }

        string? connectionString = configuration.GetConnectionString("telemetrydb");
        if (string.IsNullOrEmpty(connectionString))
        {
            await error.WriteLineAsync("ConnectionStrings:telemetrydb is not set (e.g. ConnectionStrings__telemetrydb=\"Host=...;Database=telemetrydb;...\").");
            return 2;
        }

        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var store = new DeadLetterStore(dataSource);
            if (args[1] == "summary")
            {
                await WriteSummaryAsync(await store.SummaryAsync(query, CancellationToken.None), output);
            }
            else
            {
                await WriteListAsync(await store.ListAsync(query, CancellationToken.None), output);
            }

            return 0;
        }
        catch (NpgsqlException exception)
        {
            await error.WriteLineAsync($"telemetrydb: {exception.Message}");
            return 3;
        }
    }

    private static async Task WriteSummaryAsync(DeadLetterSummary summary, TextWriter output)
    {
        await output.WriteLineAsync($"{summary.Total} dead letter(s), oldest {Time(summary.Oldest)}, newest {Time(summary.Newest)}");
        await output.WriteLineAsync("by reason:");
        foreach (DeadLetterCount count in summary.ByReason)
        {
            await output.WriteLineAsync($"  {count.Count,8}  {count.Key}");
        }

        await output.WriteLineAsync("by device:");
        foreach (DeadLetterCount count in summary.ByDevice)
        {
            await output.WriteLineAsync($"  {count.Count,8}  {count.Key ?? "(no device)"}");
        }

        if (summary.OtherDevices > 0)
        {
            await output.WriteLineAsync($"  and {summary.OtherDevices} other device(s) (--limit shows more)");
        }
    }

    private static async Task WriteListAsync(IReadOnlyList<DeadLetterEntry> entries, TextWriter output)
    {
        foreach (DeadLetterEntry entry in entries)
        {
            KeptDeadLetter kept = entry.DeadLetter;
            await output.WriteLineAsync(string.Join(
                "  ",
                Time(kept.DeadLetteredAt),
                kept.Stage,
                kept.Reason,
                kept.DeviceId ?? "-",
                kept.MqttTopic ?? "-",
                kept.Detail ?? "-",
                PayloadText.Show(kept.Payload, PayloadChars)));
        }

        await output.WriteLineAsync($"{entries.Count} dead letter(s).");
    }

    private static string Time(DateTime? time) =>
        time?.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture) ?? "-";
}

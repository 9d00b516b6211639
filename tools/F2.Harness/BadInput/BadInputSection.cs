using System.Globalization;
using System.Text;
using F2.Testing.BadInput;

namespace F2.Harness.BadInput;

/// <summary>The report's "Bad input" section: one row per corpus kind (expected, observed), the flood, the services afterwards.</summary>
public static class BadInputSection
{
    public static void Write(StringBuilder text, BadInputResult? result)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (result is null)
        {
            Line(text, "Not run in this suite (`--only bad-input`, or the full suite, runs it).");
            Line(text);
            return;
        }

        Line(text, $"The corpus of `tests/F2.Testing/BadInput` ({result.Verdicts.Count} kinds) published into the pipeline running as processes, one kind per connection, "
            + "then one device flooding one topic, then one valid message. The same corpus runs in process in `dotnet test` (`BadInputCorpusTests`). "
            + $"Result **{(result.Passed ? "pass" : "FAIL")}**.");
        Line(text);
        Line(text, "| kind | sent | expected | observed | result |");
        Line(text, "|---|---|---|---|---|");
        foreach (BadInputVerdict verdict in result.Verdicts)
        {
            BadInputKind kind = verdict.Kind;
            Line(text, $"| `{kind.Name}` | {Cell(kind.Description)}; {Sent(kind)} | {kind.Expected} | {Cell(verdict.Observed)} | {(verdict.AsExpected ? "as expected" : "**" + Cell(string.Join("; ", verdict.Problems)) + "**")} |");
        }

        Line(text);
        if (result.Flood is { } flood)
        {
            Line(text, Invariant($"Flood: {flood.Sent:N0} QoS 1 messages from one device account on one topic as fast as PUBACKs came back ({flood.Refused} refused); ")
                + Invariant($"rows {flood.Rows:N0} of {flood.ExpectedRows:N0} valid, dead letters {flood.DeadLetters:N0} of {flood.ExpectedDeadLetters:N0} invalid: ")
                + (flood.AsExpected ? "nothing lost." : "**not as expected**."));
        }

        Line(text, $"A valid message sent after all of it: {(result.LateMessageStored ? "stored" : "**not stored**")}.");
        Line(text);
        Line(text, "| service | health afterwards | peak resident memory | CPU |");
        Line(text, "|---|---|---:|---:|");
        foreach (var process in result.Processes)
        {
            ServiceHealth? health = result.Health.FirstOrDefault(service => service.Name == process.Name);
            string answer = health is null ? "-" : health.Healthy ? "Healthy (200)" : $"**{health.StatusCode}: {Cell(health.Body)}**";
            Line(text, Invariant($"| {process.Name} | {answer} | {process.PeakResidentBytes / 1_048_576.0:0} MiB | {process.CpuSeconds:0.0} s |"));
        }

        Line(text);
        if (result.Problems.Count > 0)
        {
            Line(text, $"Problems: {string.Join("; ", result.Problems)}.");
            Line(text);
        }
    }

    private static string Sent(BadInputKind kind)
        => Invariant($"{kind.Payload.Length:N0} bytes, QoS {kind.Qos}") + (kind.Retain ? ", retained" : "") + (kind.Account == CorpusAccount.Device ? ", device account" : "");

    /// <summary>Text safe inside a Markdown table cell.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}

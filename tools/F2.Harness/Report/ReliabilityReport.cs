using System.Globalization;
using System.Text;
using F2.DevKafka;
using F2.Harness.Accounting;
using F2.Harness.BadInput;
using F2.Harness.Scenarios;

namespace F2.Harness.Report;

/// <summary>Writes <c>docs/RELIABILITY.md</c>: conditions, definitions, the fault table, overload, and the bad-input section.</summary>
public static class ReliabilityReport
{
    public const string BadInputMarker = "<!-- bad-input results: filled in by the bad-input suite -->";

    public static string Write(SuiteRun run)
    {
        var text = new StringBuilder();
        Line(text, "# Reliability");
        Line(text);
        Line(text, "Measured by the reliability harness (`tools/F2.Harness`, run by `scripts/reliability`). Every figure below is");
        Line(text, "counted, not estimated: each load message has an identity that its row or dead-letter record gives back.");
        Line(text);
        Conditions(text, run);
        Definitions(text, run);
        Faults(text, run);
        Overload(text, run);
        Line(text, "## Bad input");
        Line(text);
        Line(text, BadInputMarker);
        BadInputSection.Write(text, run.BadInput);
        Reproduce(text);
        return text.ToString();
    }

    private static void Conditions(StringBuilder text, SuiteRun run)
    {
        SuiteOptions options = run.Options;
        Line(text, "## Conditions");
        Line(text);
        Line(text, $"- Run: {run.StartedAt:yyyy-MM-dd HH:mm} to {run.FinishedAt:HH:mm} UTC, commit `{run.Machine.Commit}`, {(options.Quick ? "quick subset" : "full suite")}, result **{(run.Passed ? "pass" : "FAIL")}**.");
        Line(text, $"- Machine: {run.Machine.Cores} cores ({run.Machine.Cpu}), {run.Machine.Runtime}; shared with other work: 1-minute load average {run.LoadAverage.Start:0.0} at the start, {run.LoadAverage.End:0.0} at the end.");
        Line(text, $"- Load: {ScenarioRunner.DeviceCount} devices over MQTT 5, QoS 1, {options.Rate:0} msg/s paced, for {Seconds(options.Duration)} per instant fault (fault at a third) and a third before plus the outage plus two thirds after for outages; one message in 50 deliberately bad (`value_invalid`).");
        Line(text, $"- Pipeline: Mosquitto 2 (persistence on, large queues), F2.Ingest, F2.Decoder and F2.Sink as separate processes ({run.Configuration} build), PostgreSQL 15 (plain partitioning), and the development Kafka stand-in (librdkafka mock cluster, not Kafka) with 3 brokers and 32 partitions per topic, inside the harness process. A fresh pipeline and fresh databases per scenario.");
        Line(text, $"- Services run with the product defaults for the stand-in, as the AppHost's local mode sets them: `Kafka:ConsumerFetchWait` {MockKafkaCluster.ClientFetchWait} and `Kafka:ConsumerSessionTimeout` {MockKafkaCluster.ClientSessionTimeout} (the stand-in has no static membership and holds each rebalance for the session timeout minus 1 s, so a killed consumer's partitions move to a survivor, or to its restarted self, after about twice that; on Kafka the default is 6 s with static membership: docs/OPERATIONS.md, Kafka consumer groups).");
        Line(text);
    }

    private static void Definitions(StringBuilder text, SuiteRun run)
    {
        Line(text, "## What the figures mean");
        Line(text);
        Line(text, "- **acknowledged** (A): publishes whose PUBACK arrived with reason Success. A publish without one (connection lost, e.g. during the Mosquitto restart) is counted apart and not retried.");
        Line(text, "- **rows**: messages with a row in `iot_measurements` (R; one row per message by construction); **dead-lettered**: messages with a record in `dead_letter_iot_data` (D), by reason.");
        Line(text, "- **lost** = |A \\ (R ∪ D)|. **duplicates** = rows beyond one per message. The run also fails on a message both stored and dead-lettered, a well-formed message dead-lettered (or a bad one stored), or a row whose value is not what its message carried.");
        Line(text, $"- **recovery**: from the end of the fault (the moment the harness restored what it broke, or restarted what it killed) until `iot_measurements` holds a row for every well-formed message acknowledged before that moment; checked every {RecoveryProbe.Interval.TotalMilliseconds:0} ms.");
        Line(text, $"- **drain**: from the end of the load until both consumer groups have committed to the end of their topics and every acknowledged message is accounted for (or nothing moved for {DrainWatch.QuietPeriod.TotalSeconds:0} s).");
        Line(text, "- The stand-in keeps at most 5 MiB or 100,000 batches per partition and silently drops the oldest beyond that (hard-coded in librdkafka). Rates, durations and 32 partitions per topic keep every backlog here well inside that; the services also detect such a gap and report it (`f2.<service>.records_skipped`, an error log line).");
        Line(text, "- \"Kafka unreachable\" takes every broker of the stand-in down (its brokers' addresses come from metadata, so cutting only Ingest's path would need a proxy per broker): Kafka is unreachable from every service at once.");
        Line(text);
    }

    private static void Faults(StringBuilder text, SuiteRun run)
    {
        Line(text, "## Faults");
        Line(text);
        Line(text, "| fault | acknowledged | rows | dead-lettered | lost | duplicates | hourly rollup | recovery | drain | result |");
        Line(text, "|---|---:|---:|---:|---:|---:|---|---:|---:|---|");
        foreach (ScenarioResult result in run.Results.Where(result => result.Scenario.Kind == ScenarioKind.Fault))
        {
            MessageAccount? a = result.Account;
            Line(text, $"| `{result.Scenario.Name}` | {N(a?.Acknowledged)} | {N(a?.RowMessages)} | {N(a?.DeadLettered)} | {N(a?.Lost)} | {N(a?.DuplicateRows)} | {Hourly(a)} | {Recovery(result)} | {Seconds(result.Drain)} | {Verdict(result)} |");
        }

        Line(text);
        foreach (ScenarioResult result in run.Results.Where(result => result.Scenario.Kind == ScenarioKind.Fault))
        {
            Details(text, result);
        }

        Line(text);
    }

    private static void Details(StringBuilder text, ScenarioResult result)
    {
        MessageAccount? a = result.Account;
        string reasons = a is null ? "" : string.Join(", ", a.DeadLetteredByReason.OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry => $"{entry.Key} {entry.Value}"));
        Line(text, $"- `{result.Scenario.Name}`: {result.Scenario.Description}."
            + (result.FaultWindow is { } window ? $" Fault window {Seconds(window)}." : "")
            + (a is null ? "" : $" Published {a.Attempted}, without PUBACK {a.NotAcknowledged}, arrived without PUBACK {a.Unacknowledged}; dead letters: {(reasons.Length > 0 ? reasons : "none")}; duplicate dead letters {a.DuplicateDeadLetters}; both stored and dead-lettered {a.InBoth}; misrouted {a.Misrouted}; corrupt {a.Corrupt}.")
            + $" Peak memory: {string.Join(", ", result.Processes.Select(process => $"{process.Name} {Mib(process.PeakResidentBytes)}"))}."
            + (result.Problems.Count > 0 ? $" **Problems:** {string.Join("; ", result.Problems)}." : ""));
    }

    private static void Overload(StringBuilder text, SuiteRun run)
    {
        Line(text, "## Overload");
        Line(text);
        ScenarioResult[] overload = [.. run.Results.Where(result => result.Scenario.Kind == ScenarioKind.Overload)];
        if (overload.Length == 0)
        {
            Line(text, "Not run in this suite (the quick subset leaves it out).");
            Line(text);
            return;
        }

        foreach (ScenarioResult result in overload)
        {
            MessageAccount? a = result.Account;
            double? ratio = result.DrainRowsPerSecond is > 0 ? result.AcknowledgedPerSecond / result.DrainRowsPerSecond : null;
            Line(text, $"{result.Scenario.Description}. The Sink's commit rate is what it achieved while backlogged (between the end of the load and the end of the drain).");
            Line(text);
            Line(text, "| figure | value |");
            Line(text, "|---|---:|");
            Line(text, $"| offered | {result.Scenario.Load.Rate:0} msg/s for {Seconds(result.Scenario.Load.Duration)} |");
            Line(text, $"| acknowledged | {N(a?.Acknowledged)} ({result.AcknowledgedPerSecond:0} msg/s) |");
            Line(text, $"| Sink commit rate while backlogged | {(result.DrainRowsPerSecond is { } rate ? $"{rate:0} rows/s" : "n/a")} |");
            Line(text, $"| overload ratio (acknowledged rate / Sink rate) | {(ratio is { } r ? $"{r:0.0}x" : "n/a")} |");
            Line(text, $"| drain time after the load | {Seconds(result.Drain)} |");
            Line(text, $"| rows / dead-lettered / lost / duplicates | {N(a?.RowMessages)} / {N(a?.DeadLettered)} / {N(a?.Lost)} / {N(a?.DuplicateRows)} |");
            Line(text, $"| hourly rollup | {Hourly(a)} |");
            Line(text, $"| memory bound per service | {Mib(result.Scenario.MemoryBoundBytes ?? 0)} |");
            foreach (ProcessFigures process in result.Processes)
            {
                Line(text, $"| {process.Name}: peak resident memory, CPU | {Mib(process.PeakResidentBytes)}, {process.CpuSeconds:0.0} s |");
            }

            Line(text, $"| result | {Verdict(result)} |");
            Line(text);
            if (result.Problems.Count > 0)
            {
                Line(text, $"Problems: {string.Join("; ", result.Problems)}.");
                Line(text);
            }
        }
    }

    private static void Reproduce(StringBuilder text)
    {
        Line(text, "## Reproduce");
        Line(text);
        Line(text, "```bash");
        Line(text, "scripts/reliability                       # full suite, writes this file");
        Line(text, "dotnet run -c Release --project tools/F2.Harness -- reliability --quick   # the CI subset");
        Line(text, "dotnet run -c Release --project tools/F2.Harness -- reliability --only kill-sink,overload");
        Line(text, "```");
        Line(text);
        Line(text, "Each service's output is kept in a log file per scenario (the harness prints the folder). CI runs the quick subset as `FaultSuiteTests` in `dotnet test`.");
    }

    /// <summary>The hourly rollup check: <c>equal</c> (count and sum of every hour and series as the rows give them) or how many differ.</summary>
    private static string Hourly(MessageAccount? account) => account is null ? "n/a"
        : account.Hourly.Matches ? $"equal ({account.Hourly.Series} series-hours)"
        : $"**{account.Hourly.Mismatched} of {account.Hourly.Series} series-hours differ**";

    private static string Verdict(ScenarioResult result) => result.Passed ? "pass" : "**FAIL**";

    private static string Recovery(ScenarioResult result)
        => result.Recovery is { } recovery ? Seconds(recovery) : result.FaultWindow is null ? "n/a" : "not reached";

    private static string N(long? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "-";

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Mib(long bytes) => (bytes / 1_048_576.0).ToString("0", CultureInfo.InvariantCulture) + " MiB";

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}

using System.Globalization;
using System.Text;

namespace F2.Harness.Benchmark;

/// <summary>The benchmark's Markdown tables, and their place in <c>docs/PERFORMANCE.md</c> between two markers.</summary>
public static class BenchmarkReport
{
    public const string BeginMarker = "<!-- benchmark:begin (written by `F2.Harness benchmark`; do not edit by hand) -->";
    public const string EndMarker = "<!-- benchmark:end -->";

    private const double TargetRate = 20_000;
    private const double TargetRatio = 0.6;
    private const double TargetP99Seconds = 0.250;
    private const long TargetMemoryBytes = 250L * 1024 * 1024;
    private const double TargetFirstLoadP99Seconds = 0.500;
    private const double CpuTargetRate = 10_000;
    private const double TargetServicesMicroseconds = 30;
    private const double TargetPostgresMicroseconds = 20;
    private static readonly string[] Services = ["ingest", "decoder", "sink"];

    public static string Write(BenchmarkResult result)
    {
        var text = new StringBuilder();
        BenchmarkMachine machine = result.Machine;
        text.AppendLine(Invariant($"**Machine.** {machine.Cpu}, {machine.Cores} cores, {machine.MemoryBytes / (1024.0 * 1024 * 1024):F0} GiB RAM, {machine.Runtime}; commit {machine.Commit}; {machine.StartedAt:yyyy-MM-dd HH:mm} to {machine.FinishedAt:HH:mm} UTC."));
        PhaseResult[] phases = [.. result.Latency, .. result.Steps];
        double otherCores = phases.Length == 0 ? 0 : phases.Max(phase => phase.OtherCpu / Math.Max(phase.Load.Seconds + (phase.Drain?.TotalSeconds ?? 0), 1));
        text.AppendLine(Invariant($"Load average (1 min): {machine.LoadAtStart:F1} at the start (before any of the benchmark's processes), {machine.LoadAtEnd:F1} at the end (with them). Other processes on the machine used at most {otherCores:F2} cores during a phase (`/proc/stat` minus the measured processes)."));
        if (otherCores > 0.25)
        {
            text.AppendLine(Invariant($"**The machine was busy with other work**: rates and latencies are lower than on a quiet machine; CPU per message is the steadier figure."));
        }

        text.AppendLine();
        text.AppendLine(Invariant($"**Set-up.** {result.Options.Describe()}; everything as separate processes on this machine; PostgreSQL 15 with fsync and synchronous commit on (shared_buffers 128 MB, track_commit_timestamp on for the latency query); Mosquitto 2 with persistence."));
        text.AppendLine();
        WriteSummary(text, result);
        WriteSteps(text, result);
        WriteCosts(text, result);
        BenchmarkPhaseTables.WriteCpuPerPhase(text, result);
        WriteLatencyRuns(text, result);
        BenchmarkPhaseTables.WriteFirstLoad(text, result);
        return text.ToString();
    }

    /// <summary>Replaces the text between the markers in <paramref name="path"/> (appends a section with them if absent).</summary>
    public static void WriteInto(string path, string table)
    {
        string document = File.Exists(path) ? File.ReadAllText(path) : "";
        string section = BeginMarker + "\n" + table.TrimEnd() + "\n" + EndMarker;
        int begin = document.IndexOf(BeginMarker, StringComparison.Ordinal);
        int end = document.IndexOf(EndMarker, StringComparison.Ordinal);
        document = begin >= 0 && end > begin
            ? document[..begin] + section + document[(end + EndMarker.Length)..]
            : document.TrimEnd() + "\n\n## End to end\n\n" + section + "\n";
        File.WriteAllText(path, document);
    }

    private static void WriteSummary(StringBuilder text, BenchmarkResult result)
    {
        PhaseResult? sustained = result.Sustained;
        text.AppendLine("| | Measured | Target | |");
        text.AppendLine("|---|---:|---:|---|");
        if (result.Steps.Count > 0)
        {
            string measured = sustained is null
                ? "none of the steps"
                : Invariant($"**{sustained.MessagesPerSecond:N0} msg/s = {sustained.RowsPerSecond:N0} rows/s** ({sustained.Name})");
            Row(text, "Sustained end to end, MQTT publish → committed rows, highest rate with bounded lag", measured, "≥ 20,000 msg/s",
                sustained is not null && sustained.MessagesPerSecond >= TargetRate);
        }

        foreach (MqttCeiling mqtt in result.Ceilings)
        {
            Row(text, Invariant($"Ceiling {mqtt.When} the pipeline's phases: Mosquitto → a bare QoS 1 subscriber that does nothing, same publisher"),
                Invariant($"{mqtt.DeliveredPerSecond:N0} msg/s (the publisher achieved {mqtt.Load.Rate:N0} msg/s; {CeilingBound(mqtt)})"), "", null);
        }

        if (result.CeilingMedian is { } ceiling)
        {
            if (result.Ceilings.Count > 1)
            {
                Row(text, "Ceiling, median of the runs above", Invariant($"{ceiling:N0} msg/s"), "", null);
            }

            if (sustained is not null)
            {
                double ratio = sustained.MessagesPerSecond / ceiling;
                PhaseResult? paced = result.Steps.Where(step => step.Sustained && step.TargetRate > 0).MaxBy(step => step.MessagesPerSecond);
                string pacedRatio = paced is null || paced == sustained ? "" : Invariant($"; highest paced step with bounded lag, {paced.Name}: {paced.MessagesPerSecond / ceiling:F2}");
                Row(text, "Sustained rate / bare-subscriber ceiling (median)", Invariant($"{ratio:F2} ({sustained.Name}{pacedRatio})"), "≥ 0.6", ratio >= TargetRatio);
            }
        }

        WriteCpuTargets(text, result);

        if (result.Copy is { } copy)
        {
            Row(text, Invariant($"Ceiling: plain binary COPY of {copy.Rows:N0} of the stored rows into an unindexed table, {copy.BatchRows:N0} rows a transaction"),
                Invariant($"{copy.RowsPerSecond:N0} rows/s ({copy.PostgresCpuSeconds * 1e6 / Math.Max(copy.Rows, 1):F1} µs PostgreSQL CPU per row)"), "", null);
        }

        foreach (PhaseResult run in result.Latency)
        {
            LatencyFigures latency = run.Latency!;
            bool? met = run.TargetRate == 5_000 ? latency.P99 < TargetP99Seconds : null;
            Row(text, Invariant($"Latency device time → commit at {run.TargetRate:N0} msg/s: p50 / p99 / p99.9"),
                Invariant($"{Ms(latency.P50)} / {Ms(latency.P99)} / {Ms(latency.P999)} ms"), run.TargetRate == 5_000 ? "p99 < 250 ms" : "", met);
        }

        if (result.FirstLoad is { } first && first.LatencyPerSecond.Count > 0)
        {
            LatencySecond worst = first.LatencyPerSecond.MaxBy(second => second.P99)!;
            Row(text, Invariant($"First {first.LatencyPerSecond.Count} s after the pipeline reported ready, {first.TargetRate:N0} msg/s: worst p99 of a second (max)"),
                Invariant($"{Ms(worst.P99)} ms in second {worst.Second} ({Ms(first.LatencyPerSecond.Max(second => second.Max))} ms)"), "p99 ≤ 500 ms", worst.P99 <= TargetFirstLoadP99Seconds);
        }

        (string name, long bytes) = result.PeakBytes
            .Where(entry => Services.Any(service => entry.Key.StartsWith(service, StringComparison.Ordinal)))
            .Select(entry => (entry.Key, entry.Value))
            .DefaultIfEmpty(("none", 0L))
            .MaxBy(entry => entry.Item2);
        Row(text, "Largest peak resident memory of a service", Invariant($"{name}: {bytes / 1_048_576.0:F0} MB"), "< 250 MB each", bytes < TargetMemoryBytes);
        Row(text, "Decoder alone, one core", "see [Decoder alone](#decoder-alone) (BenchmarkDotNet)", "≥ 1,000,000 msg/s", null);
        text.AppendLine();
    }

    /// <summary>CPU per message at the 10,000 msg/s step: the three services together, and PostgreSQL.</summary>
    private static void WriteCpuTargets(StringBuilder text, BenchmarkResult result)
    {
        if (result.Steps.FirstOrDefault(step => step.TargetRate == CpuTargetRate) is not { } step)
        {
            return;
        }

        double messages = Math.Max(step.Load.Published, 1);
        double services = step.Cpu.Where(entry => Services.Any(service => entry.Key.StartsWith(service, StringComparison.Ordinal))).Sum(entry => entry.Value) * 1e6 / messages;
        double postgres = step.Cpu.GetValueOrDefault("postgresql") * 1e6 / messages;
        Row(text, Invariant($"CPU per message at the {CpuTargetRate:N0} msg/s step: Ingest + Decoder + Sink"), Invariant($"{services:F1} µs"), "≤ 30 µs", services <= TargetServicesMicroseconds);
        Row(text, Invariant($"CPU per message at the {CpuTargetRate:N0} msg/s step: PostgreSQL"), Invariant($"{postgres:F1} µs"), "≤ 20 µs", postgres <= TargetPostgresMicroseconds);
    }

    private static void WriteSteps(StringBuilder text, BenchmarkResult result)
    {
        if (result.Steps.Count == 0)
        {
            return;
        }

        text.AppendLine("Throughput steps (each for the step duration; the search stops at the first step whose lag grows):");
        text.AppendLine();
        text.AppendLine("| Offered msg/s | Published msg/s | Stored rows/s | Backlog growth msg/s | Caught up after the load | Bounded lag |");
        text.AppendLine("|---:|---:|---:|---:|---:|---|");
        foreach (PhaseResult step in result.Steps)
        {
            text.AppendLine(Invariant($"| {(step.TargetRate == 0 ? "unthrottled" : step.TargetRate.ToString("N0", CultureInfo.InvariantCulture))} | {step.MessagesPerSecond:N0} | {step.RowsPerSecond:N0} | {step.BacklogGrowth:N0} | {(step.Drain is { } drain ? Invariant($"{drain.TotalSeconds:F1} s") : "not within 3 min")} | {(step.Sustained ? "yes" : "no")} |"));
        }

        text.AppendLine();
    }

    private static void WriteCosts(StringBuilder text, BenchmarkResult result)
    {
        PhaseResult? run = result.Sustained ?? result.Steps.LastOrDefault() ?? result.Latency.LastOrDefault();
        if (run is null)
        {
            return;
        }

        double messages = Math.Max(run.Load.Published, 1);
        double seconds = run.Load.Seconds + (run.Drain?.TotalSeconds ?? 0);
        text.AppendLine(Invariant($"Cost per process during \"{run.Name}\" ({run.Load.Published:N0} messages in {run.Load.Seconds:F0} s, until drained), and peak memory over the whole run:"));
        text.AppendLine();
        text.AppendLine("| Process | CPU seconds | CPU µs per message | Cores busy | Peak memory |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        double total = 0;
        foreach (string process in result.Processes)
        {
            double cpu = run.Cpu.GetValueOrDefault(process);
            total += cpu;
            text.AppendLine(Invariant($"| {process} | {cpu:F1} | {cpu * 1e6 / messages:F1} | {cpu / seconds:F2} | {result.PeakBytes.GetValueOrDefault(process) / 1_048_576.0:F0} MB |"));
        }

        text.AppendLine(Invariant($"| **all** | **{total:F1}** | **{total * 1e6 / messages:F1}** | **{total / seconds:F2}** | |"));
        text.AppendLine(Invariant($"| other processes on the machine (not F2's, not measured above) | {run.OtherCpu:F1} | | {run.OtherCpu / seconds:F2} | |"));
        text.AppendLine();
        text.AppendLine("PostgreSQL's memory is the proportional set size of all its processes (shared buffers counted once); the others are peak resident set sizes. The harness runs the bare subscriber and the COPY ceiling; the simulator is the load.");
        text.AppendLine();
    }

    private static void WriteLatencyRuns(StringBuilder text, BenchmarkResult result)
    {
        if (result.Latency.Count == 0)
        {
            return;
        }

        text.AppendLine("Fixed-rate runs (latency = device timestamp → PostgreSQL commit of its row, per message; \"from receipt\" starts at Ingest's `received_at` instead, leaving out the simulator and Mosquitto):");
        text.AppendLine();
        text.AppendLine("| Offered msg/s | Published msg/s | Messages measured | p50 | p99 | p99.9 | From receipt p50 / p99 | CPU µs per message, all processes |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (PhaseResult run in result.Latency)
        {
            LatencyFigures latency = run.Latency!;
            double cpu = run.Cpu.Values.Sum() * 1e6 / Math.Max(run.Load.Published, 1);
            text.AppendLine(Invariant($"| {run.TargetRate:N0} | {run.MessagesPerSecond:N0} | {latency.Messages:N0} | {Ms(latency.P50)} ms | {Ms(latency.P99)} ms | {Ms(latency.P999)} ms | {Ms(latency.FromReceiptP50)} / {Ms(latency.FromReceiptP99)} ms | {cpu:F0} |"));
        }

        text.AppendLine();
    }

    private static void Row(StringBuilder text, string what, string measured, string target, bool? met)
        => text.AppendLine($"| {what} | {measured} | {target} | {(met is null ? "" : met.Value ? "met" : "**missed**")} |");

    /// <summary>
    /// What set the MQTT ceiling: Mosquitto is single-threaded, so a broker near one busy core is the limit; otherwise,
    /// when the subscriber got what was published, the publisher (which waits for the broker's acknowledgements).
    /// </summary>
    private static string CeilingBound(MqttCeiling mqtt)
    {
        double brokerCores = mqtt.Load.Seconds > 0 ? mqtt.Cpu.GetValueOrDefault("mosquitto") / mqtt.Load.Seconds : 0;
        string broker = Invariant($"Mosquitto busy {brokerCores:F2} of its one core");
        return brokerCores >= 0.85 ? broker + ": broker-bound"
            : mqtt.DeliveredPerSecond >= 0.95 * mqtt.Load.Rate ? broker + ": publisher-bound"
            : broker;
    }

    internal static string Ms(double seconds) => double.IsNaN(seconds) ? "n/a" : (seconds * 1000).ToString("N0", CultureInfo.InvariantCulture);

    internal static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}

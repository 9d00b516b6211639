using System.Text;
using static F2.Harness.Benchmark.BenchmarkReport;

namespace F2.Harness.Benchmark;

/// <summary>The benchmark's per-phase tables: CPU per message per process beside the rates, and the first load's seconds.</summary>
public static class BenchmarkPhaseTables
{
    /// <summary>Every phase (the ceilings too): wall-clock rates, and CPU µs per message of each process.</summary>
    public static void WriteCpuPerPhase(StringBuilder text, BenchmarkResult result)
    {
        var rows = new List<(string Name, double Published, string Through, double Messages, IReadOnlyDictionary<string, double> Cpu)>();
        rows.AddRange(result.Ceilings.Select(ceiling => (Invariant($"MQTT ceiling {ceiling.When}"), ceiling.Load.Rate,
            Invariant($"{ceiling.DeliveredPerSecond:N0} delivered"), (double)ceiling.Delivered, ceiling.Cpu)));
        PhaseResult[] phases = [.. result.FirstLoad is null ? [] : new[] { result.FirstLoad }, .. result.Latency, .. result.Steps];
        rows.AddRange(phases.Select(phase => (phase.Name, phase.MessagesPerSecond, Invariant($"{phase.RowsPerSecond:N0} rows"), (double)phase.Load.Published, phase.Cpu)));
        if (rows.Count == 0)
        {
            return;
        }

        string[] processes = [.. result.Processes];
        text.AppendLine("CPU µs per message of each process, per phase (from the phase's start until it drained; the ceilings: per message delivered), beside the wall-clock rates:");
        text.AppendLine();
        text.AppendLine("| Phase | Published msg/s | Through /s | " + string.Join(" | ", processes) + " | all |");
        text.AppendLine("|---|---:|---:|" + string.Concat(processes.Select(_ => "---:|")) + "---:|");
        foreach ((string name, double published, string through, double messages, IReadOnlyDictionary<string, double> cpu) in rows)
        {
            double per = 1e6 / Math.Max(messages, 1);
            text.AppendLine(Invariant($"| {name} | {published:N0} | {through} | ")
                + string.Join(" | ", processes.Select(process => Invariant($"{cpu.GetValueOrDefault(process) * per:F1}")))
                + Invariant($" | {cpu.Values.Sum() * per:F1} |"));
        }

        text.AppendLine();
    }

    /// <summary>The first seconds of load after the pipeline reported ready, one row a second of device time.</summary>
    public static void WriteFirstLoad(StringBuilder text, BenchmarkResult result)
    {
        if (result.FirstLoad is not { } first || first.LatencyPerSecond.Count == 0)
        {
            return;
        }

        text.AppendLine(Invariant($"The first {first.LatencyPerSecond.Count} s of load right after the pipeline reported ready ({first.TargetRate:N0} msg/s offered, device time → commit per message, by the second of device time); the steady state is the fixed-rate run at the same rate:"));
        text.AppendLine();
        text.AppendLine("| Second | Messages | p50 | p99 | max |");
        text.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (LatencySecond second in first.LatencyPerSecond)
        {
            text.AppendLine(Invariant($"| {second.Second} | {second.Messages:N0} | {Ms(second.P50)} ms | {Ms(second.P99)} ms | {Ms(second.Max)} ms |"));
        }

        if (first.Latency is { } whole)
        {
            text.AppendLine(Invariant($"| whole first load (from 2 s) | {whole.Messages:N0} | {Ms(whole.P50)} ms | {Ms(whole.P99)} ms | |"));
        }

        text.AppendLine();
    }
}

using F2.Harness.Benchmark;

namespace F2.Tests.Benchmark;

/// <summary>The benchmark's table: the ratio against the median ceiling, the CPU targets and the first load's seconds.</summary>
public sealed class BenchmarkReportTests
{
    private static readonly DateTime Stopped = new(2026, 12, 3, 16, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void TheRatioUsesTheMedianOfTheCeilingsBeforeAndAfterAndBothCeilingsAreReported()
    {
        string table = BenchmarkReport.Write(Result());

        Assert.Contains("Ceiling before the pipeline's phases", table, StringComparison.Ordinal);
        Assert.Contains("Ceiling after the pipeline's phases", table, StringComparison.Ordinal);
        Assert.Contains("| Ceiling, median of the runs above | 20,000 msg/s |", table, StringComparison.Ordinal);
        Assert.Contains("| Sustained rate / bare-subscriber ceiling (median) | 0.50 (step at 10,000/s) | ≥ 0.6 | **missed** |", table, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCpuPerMessageAtTheTenThousandStepIsComparedWithItsTargetsPerProcessGroup()
    {
        string table = BenchmarkReport.Write(Result());

        Assert.Contains("| CPU per message at the 10,000 msg/s step: Ingest + Decoder + Sink | 60.0 µs | ≤ 30 µs | **missed** |", table, StringComparison.Ordinal);
        Assert.Contains("| CPU per message at the 10,000 msg/s step: PostgreSQL | 10.0 µs | ≤ 20 µs | met |", table, StringComparison.Ordinal);
        Assert.Contains("| step at 10,000/s | 10,000 | 10,000 rows | 10.0 | 20.0 | 20.0 | 20.0 | 70.0 |", table, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFirstSecondsAfterReadyAreReportedOneByOneAndTheirWorstP99IsJudged()
    {
        string table = BenchmarkReport.Write(Result());

        Assert.Contains("| 0 | 5,000 | 300 ms | 700 ms | 800 ms |", table, StringComparison.Ordinal);
        Assert.Contains("worst p99 of a second (max) | 700 ms in second 0 (800 ms) | p99 ≤ 500 ms | **missed** |", table, StringComparison.Ordinal);
    }

    private static BenchmarkResult Result()
    {
        var load = new SimulatorResult(300_000, 30, Stopped, []);
        var step = new PhaseResult
        {
            Name = "step at 10,000/s",
            TargetRate = 10_000,
            Load = load,
            Rows = 300_000,
            Drain = TimeSpan.FromSeconds(1),
            BacklogGrowth = 0,
            Latency = null,
            Cpu = new Dictionary<string, double> { ["ingest-1"] = 6, ["decoder-1"] = 6, ["sink-1"] = 6, ["postgresql"] = 3 },
        };
        var first = step with
        {
            Name = "first load after ready at 5,000/s",
            TargetRate = 5_000,
            Load = new SimulatorResult(50_000, 10, Stopped, []),
            Rows = 50_000,
            LatencyPerSecond = [new LatencySecond(0, 5_000, 0.3, 0.7, 0.8), new LatencySecond(1, 5_000, 0.1, 0.2, 0.25)],
        };
        var ceilingLoad = new SimulatorResult(400_000, 20, Stopped, []);
        return new BenchmarkResult
        {
            Options = new BenchmarkOptions(),
            Machine = new BenchmarkMachine("cpu", 2, 1L << 30, ".NET", "abc", 0, 0, Stopped, Stopped),
            Ceilings = [new MqttCeiling("before", ceilingLoad, 15_000, 300_000, new Dictionary<string, double>()), new MqttCeiling("after", ceilingLoad, 25_000, 500_000, new Dictionary<string, double>())],
            FirstLoad = first,
            Latency = [],
            Steps = [step],
            PeakBytes = new Dictionary<string, long>(),
            Processes = ["postgresql", "ingest-1", "decoder-1", "sink-1"],
        };
    }
}

namespace F2.Harness.Benchmark;

/// <summary>One load run through the whole pipeline: what was offered, what got through, what it cost.</summary>
public sealed record PhaseResult
{
    public required string Name { get; init; }

    /// <summary>Offered messages per second; 0 for as fast as the simulator can publish.</summary>
    public required double TargetRate { get; init; }

    public required SimulatorResult Load { get; init; }

    /// <summary>Rows stored for the run's messages.</summary>
    public required long Rows { get; init; }

    /// <summary>From the simulator's stop until the Sink had committed every message; null when that did not happen in time.</summary>
    public required TimeSpan? Drain { get; init; }

    /// <summary>How fast the backlog (published, not yet committed to PostgreSQL) grew over the run's second half, messages/s.</summary>
    public required double BacklogGrowth { get; init; }

    public required LatencyFigures? Latency { get; init; }

    /// <summary>Per second of device time from the load's start (the first seconds after a start); empty unless asked for.</summary>
    public IReadOnlyList<LatencySecond> LatencyPerSecond { get; init; } = [];

    /// <summary>CPU seconds per process from the start of the run until it drained.</summary>
    public required IReadOnlyDictionary<string, double> Cpu { get; init; }

    /// <summary>
    /// CPU seconds the rest of the machine used over the same time (all CPU time in <c>/proc/stat</c> minus the
    /// measured processes): other people's work, and the kernel's own threads. Near 0 on a quiet machine.
    /// </summary>
    public double OtherCpu { get; init; }

    public double MessagesPerSecond => Load.Rate;

    public double RowsPerSecond => Load.Seconds > 0 ? Rows / Load.Seconds : 0;

    /// <summary>
    /// Lag stayed bounded: the publisher kept (nearly) to the offered rate, the backlog did not grow by more than 5 % of
    /// the rate (250 msg/s at least: batches commit in steps), and the pipeline caught up within 5 s (or a tenth of the
    /// run) of the load's end.
    /// </summary>
    public bool Sustained =>
        (TargetRate == 0 || Load.Rate >= 0.95 * TargetRate)
        && BacklogGrowth <= Math.Max(0.05 * Load.Rate, 250)
        && Drain is { } drain && drain <= TimeSpan.FromSeconds(Math.Max(5, Load.Seconds / 10));
}

/// <summary>
/// The MQTT ceiling: what the broker delivered to a subscriber that does nothing, under the same publisher;
/// <paramref name="When"/> says whether it ran before or after the pipeline's phases.
/// </summary>
public sealed record MqttCeiling(string When, SimulatorResult Load, double DeliveredPerSecond, long Delivered, IReadOnlyDictionary<string, double> Cpu);

/// <summary>Device-to-row latency of the messages whose device time fell in one second of a run, in seconds.</summary>
public sealed record LatencySecond(int Second, long Messages, double P50, double P99, double Max);

/// <summary>Where and when the benchmark ran.</summary>
public sealed record BenchmarkMachine(string Cpu, int Cores, long MemoryBytes, string Runtime, string Commit, double LoadAtStart, double LoadAtEnd, DateTime StartedAt, DateTime FinishedAt);

/// <summary>Everything one benchmark run measured.</summary>
public sealed record BenchmarkResult
{
    public required BenchmarkOptions Options { get; init; }

    public required BenchmarkMachine Machine { get; init; }

    /// <summary>The MQTT ceilings, in the order measured (before the pipeline's phases, then after).</summary>
    public IReadOnlyList<MqttCeiling> Ceilings { get; init; } = [];

    /// <summary>The median of <see cref="Ceilings"/> (with two, their mean); null when none was measured.</summary>
    public double? CeilingMedian
    {
        get
        {
            double[] rates = [.. Ceilings.Select(ceiling => ceiling.DeliveredPerSecond).Order()];
            return rates.Length == 0 ? null
                : rates.Length % 2 == 1 ? rates[rates.Length / 2]
                : (rates[(rates.Length / 2) - 1] + rates[rates.Length / 2]) / 2;
        }
    }

    /// <summary>The first load right after the pipeline reported ready (at 5,000 msg/s by default); null when not run.</summary>
    public PhaseResult? FirstLoad { get; init; }

    public CopyFigures? Copy { get; init; }

    public required IReadOnlyList<PhaseResult> Latency { get; init; }

    public required IReadOnlyList<PhaseResult> Steps { get; init; }

    /// <summary>Peak memory of every process over the whole run (PostgreSQL: proportional set size of all its processes).</summary>
    public required IReadOnlyDictionary<string, long> PeakBytes { get; init; }

    /// <summary>Process names in report order.</summary>
    public required IReadOnlyList<string> Processes { get; init; }

    /// <summary>The highest step whose lag stayed bounded.</summary>
    public PhaseResult? Sustained => Steps.Where(step => step.Sustained).MaxBy(step => step.MessagesPerSecond);
}

using F2.Harness.Accounting;

namespace F2.Harness.Scenarios;

/// <summary>A service's figures over a run (every restart included).</summary>
public sealed record ProcessFigures(string Name, long PeakResidentBytes, double CpuSeconds, int Starts);

/// <summary>What one scenario measured.</summary>
public sealed record ScenarioResult
{
    public required Scenario Scenario { get; init; }

    public MessageAccount? Account { get; init; }

    /// <summary>How long the fault lasted (from breaking to restoring); null without a fault.</summary>
    public TimeSpan? FaultWindow { get; init; }

    /// <summary>See <see cref="RecoveryProbe"/>; null without a fault or when coverage never came.</summary>
    public TimeSpan? Recovery { get; init; }

    /// <summary>From the end of the load until the pipeline had settled.</summary>
    public TimeSpan Drain { get; init; }

    public bool Drained { get; init; }

    /// <summary>Rows per second committed between the end of the load and the end of the drain (the Sink's pace while backlogged).</summary>
    public double? DrainRowsPerSecond { get; init; }

    /// <summary>Acknowledged publishes per second over the load.</summary>
    public double AcknowledgedPerSecond { get; init; }

    public IReadOnlyList<ProcessFigures> Processes { get; init; } = [];

    /// <summary>Anything besides the message account that makes the run fail (unexpected exit, no drain, memory).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public required string LogDirectory { get; init; }

    public bool Passed => Account is { Passed: true } && Problems.Count == 0;
}

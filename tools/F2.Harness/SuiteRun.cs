using F2.Harness.BadInput;
using F2.Harness.Scenarios;

namespace F2.Harness;

/// <summary>A finished suite: its options, results and the conditions it ran in.</summary>
public sealed record SuiteRun
{
    public required SuiteOptions Options { get; init; }

    public required IReadOnlyList<ScenarioResult> Results { get; init; }

    /// <summary>The bad-input scenario's findings; null when it did not run.</summary>
    public BadInputResult? BadInput { get; init; }

    public required DateTime StartedAt { get; init; }

    public required DateTime FinishedAt { get; init; }

    public required MachineFacts Machine { get; init; }

    /// <summary>The build configuration of the services that ran (Release or Debug).</summary>
    public required string Configuration { get; init; }

    /// <summary>1-minute load average when the suite started and when it finished.</summary>
    public required (double Start, double End) LoadAverage { get; init; }

    public bool Passed => (Results.Count > 0 || BadInput is not null) && Results.All(result => result.Passed) && BadInput?.Passed != false;
}

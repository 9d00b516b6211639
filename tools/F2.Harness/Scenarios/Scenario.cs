using F2.Harness.Load;
using F2.Harness.Pipeline;

namespace F2.Harness.Scenarios;

/// <summary>
/// One run of the suite: a pipeline <see cref="Shape"/>, a <see cref="Load"/>, and a fault <see cref="Inject"/>ed at
/// <see cref="FaultAt"/> after the load started. The fault's window is the time <see cref="Inject"/> takes: from
/// the moment it breaks something to the moment it has restored it (an instant fault such as kill -9 and restart
/// is a short window). Add a scenario by adding an instance to <see cref="ScenarioCatalog"/>.
/// </summary>
public sealed record Scenario
{
    /// <summary>Short kebab-case name, e.g. <c>kill-sink</c>; <c>--only</c> selects by it.</summary>
    public required string Name { get; init; }

    /// <summary>What the fault is, in one sentence for the report.</summary>
    public required string Description { get; init; }

    public ScenarioKind Kind { get; init; } = ScenarioKind.Fault;

    public PipelineShape Shape { get; init; } = new();

    public required LoadPlan Load { get; init; }

    public TimeSpan FaultAt { get; init; }

    /// <summary>Breaks and restores something; null for no fault.</summary>
    public Func<ScenarioContext, CancellationToken, Task>? Inject { get; init; }

    /// <summary>The highest resident memory any service may reach (checked for <see cref="ScenarioKind.Overload"/>).</summary>
    public long? MemoryBoundBytes { get; init; }

    /// <summary>How long the pipeline may take to settle after the load.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Services killed on purpose and not restarted (not an unexpected exit).</summary>
    public IReadOnlySet<string> KilledForGood { get; init; } = new HashSet<string>();
}

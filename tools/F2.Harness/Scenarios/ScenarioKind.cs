namespace F2.Harness.Scenarios;

/// <summary>Which part of the report a scenario belongs to.</summary>
public enum ScenarioKind
{
    /// <summary>A fault injected under steady load.</summary>
    Fault,

    /// <summary>More load than the Sink can commit; memory is bounded and the backlog drains.</summary>
    Overload,

    /// <summary>Malformed input mixed into the load (filled in by the bad-input suite).</summary>
    BadInput,
}

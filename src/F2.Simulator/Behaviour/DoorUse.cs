namespace F2.Simulator.Behaviour;

/// <summary>
/// One use of a door, from the first step to the last. The anomalies come in the order of
/// <see cref="DoorTrafficOptions.Shares"/>.
/// </summary>
internal enum DoorUse
{
    ForcedOpen,
    HeldOpen,
    DeniedCard,
    UnexplainedUnlock,
    FailedRelock,
    QuietExit,
    UnusedGrant,

    /// <summary>An enrolled card read, unlock, opening, closing, relock.</summary>
    Entry,

    /// <summary>An exit button press and release, unlock, opening, closing, relock.</summary>
    Exit,
}

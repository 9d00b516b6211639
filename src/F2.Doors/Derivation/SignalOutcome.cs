namespace F2.Doors.Derivation;

/// <summary>How a door signal row was classified on arrival (spec section 4.3); the <c>outcome</c> tag of <c>f2.doors.signals</c>.</summary>
internal enum SignalOutcome : byte
{
    Accepted,
    Late,
    Duplicate,
    Ignored,
}

/// <summary>Counts of <see cref="SignalOutcome"/>, indexed by outcome.</summary>
internal struct SignalCounts
{
    public long Accepted;
    public long Late;
    public long Duplicate;
    public long Ignored;

    public void Add(SignalOutcome outcome)
    {
        switch (outcome)
        {
            case SignalOutcome.Accepted: Accepted++; break;
            case SignalOutcome.Late: Late++; break;
            case SignalOutcome.Duplicate: Duplicate++; break;
            default: Ignored++; break;
        }
    }

    public static string WireName(SignalOutcome outcome) => outcome switch
    {
        SignalOutcome.Accepted => "accepted",
        SignalOutcome.Late => "late",
        SignalOutcome.Duplicate => "duplicate",
        _ => "ignored",
    };
}

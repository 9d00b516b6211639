namespace F2.Doors.Derivation;

/// <summary>
/// Everything one door remembers (spec section 5), plus its buffered signals. Plain properties, so the stage can
/// persist it as JSON beside the events it led to.
/// </summary>
internal sealed class DoorState
{
    /// <summary>Levels: null while unknown, else 0 or 1.</summary>
    public int? Strike { get; set; }

    public int? Contact { get; set; }

    public int? Rex { get; set; }

    /// <summary>Armed timers; the <c>access_denied</c> ones are the pending reads.</summary>
    public List<DoorTimer> Timers { get; set; } = [];

    /// <summary>Unclaimed press times, oldest first.</summary>
    public List<long> Presses { get; set; } = [];

    public long? EntryUntil { get; set; }

    public long? ShuntUntil { get; set; }

    public DoorEpisode? Episode { get; set; }

    /// <summary>Accepted signals not yet processed.</summary>
    public List<DoorSignal> Buffer { get; set; } = [];

    public long NextSequence { get; set; }

    public bool IsIdle => Timers.Count == 0 && Buffer.Count == 0;
}

/// <summary>The door's current opening: when, and whether it was forced or held.</summary>
internal sealed class DoorEpisode
{
    public long OpenedAt { get; set; }

    public bool Forced { get; set; }

    public bool Held { get; set; }
}

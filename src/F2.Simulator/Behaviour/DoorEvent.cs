namespace F2.Simulator.Behaviour;

/// <summary>What happened at a door in one step; each event is one message.</summary>
internal enum DoorEvent
{
    /// <summary>An enrolled card or code was read (reader message); the strike unlocks next.</summary>
    CardAccepted,

    /// <summary>An unknown card was read (reader message); nothing else happens.</summary>
    CardRejected,

    /// <summary>The exit button was pressed (exit-buttons message).</summary>
    ExitPressed,

    /// <summary>The exit button was released (exit-buttons message); the strike unlocks next.</summary>
    ExitReleased,

    /// <summary>The strike unlocked (status true).</summary>
    Unlocked,

    /// <summary>The door opened (its door-sensors pin true).</summary>
    Opened,

    /// <summary>The door closed (its door-sensors pin false).</summary>
    Closed,

    /// <summary>The strike relocked (status false): after the door closed, or when nobody opened it in time.</summary>
    Relocked,
}

namespace F2.Simulator.Behaviour;

/// <summary>What happens at a door in one step; each step is one message.</summary>
internal enum DoorAction
{
    /// <summary>An enrolled card or code is read (reader message).</summary>
    Read,

    /// <summary>A card or code that is not enrolled is read (reader message).</summary>
    ReadUnknown,

    /// <summary>The exit button is pressed (the connector's exit-buttons map).</summary>
    Press,

    /// <summary>The exit button is released (the connector's exit-buttons map).</summary>
    Release,

    /// <summary>The strike unlocks (status true).</summary>
    Unlock,

    /// <summary>The strike locks (status false); also the strike's first report.</summary>
    Lock,

    /// <summary>The door opens (its pin of the connector's door-sensors map true).</summary>
    Open,

    /// <summary>The door closes (its pin false).</summary>
    Close,

    /// <summary>The connector's door-sensors map as it is (the first report).</summary>
    ReportContacts,

    /// <summary>The connector's exit-buttons map as it is (the first report).</summary>
    ReportExitButtons,
}

namespace F2.Protocol.Doors;

/// <summary>
/// The defaults of <c>door_settings</c> (<c>../shared/spec/door-events.md</c> section 3.1): what F2.Doors applies where
/// no row sets a value, and what F2.Simulator times its door anomalies against.
/// </summary>
public static class DoorSettingDefaults
{
    /// <summary>A read or press at t can cause an unlock in [t, t + grant_window).</summary>
    public static readonly TimeSpan GrantWindow = TimeSpan.FromSeconds(2);

    /// <summary>After a grant at t, an opening in [t, t + entry_window) is authorized.</summary>
    public static readonly TimeSpan EntryWindow = TimeSpan.FromSeconds(10);

    /// <summary>After a press at t, an opening in [t, t + rex_shunt) is authorized.</summary>
    public static readonly TimeSpan RexShunt = TimeSpan.FromSeconds(10);

    /// <summary>An opening at t still open at t + held_open is <c>door_held_open</c>.</summary>
    public static readonly TimeSpan HeldOpen = TimeSpan.FromSeconds(30);

    /// <summary>A strike still unlocked that long after a closing (or an unlock not followed by an opening) is <c>failed_to_relock</c>.</summary>
    public static readonly TimeSpan RelockTimeout = TimeSpan.FromSeconds(15);

    /// <summary>How far behind the device clock a signal may arrive and still count.</summary>
    public static readonly TimeSpan Lateness = TimeSpan.FromSeconds(2);
}

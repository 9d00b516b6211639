namespace F2.Protocol.Doors;

/// <summary>
/// The nine event types of the door-events spec (<c>../shared/spec/door-events.md</c> section 7), in the byte order of
/// their wire names: what F2.Doors writes and what F2.Simulator records in its ground truth.
/// </summary>
public enum DoorEventType : byte
{
    AccessDenied,
    AccessGranted,
    DoorClosed,
    DoorForcedOpen,
    DoorHeldOpen,
    ExitRequest,
    FailedToRelock,
    GrantedNoEntry,
    UnexplainedUnlock,
}

/// <summary>The wire names of <see cref="DoorEventType"/> (the <c>event_type</c> column and the metric tag).</summary>
public static class DoorEventTypeNames
{
    private static readonly string[] Names =
    [
        "access_denied", "access_granted", "door_closed", "door_forced_open", "door_held_open",
        "exit_request", "failed_to_relock", "granted_no_entry", "unexplained_unlock",
    ];

    public static IReadOnlyList<string> All => Names;

    public static string ToWireName(this DoorEventType type) => Names[(int)type];
}

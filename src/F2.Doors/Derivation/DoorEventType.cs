namespace F2.Doors.Derivation;

/// <summary>The nine event types of the door-events spec (section 7), in the byte order of their wire names.</summary>
internal enum DoorEventType : byte
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
internal static class DoorEventTypeNames
{
    private static readonly string[] Names =
    [
        "access_denied", "access_granted", "door_closed", "door_forced_open", "door_held_open",
        "exit_request", "failed_to_relock", "granted_no_entry", "unexplained_unlock",
    ];

    public static IReadOnlyList<string> All => Names;

    public static string ToWireName(this DoorEventType type) => Names[(int)type];
}

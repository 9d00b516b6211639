namespace F2.Doors.Derivation;

/// <summary>
/// One row of <c>door_settings</c> (spec section 3.1): a key that may use <c>*</c>, and the settings it sets, each in
/// microseconds or null (not set by this row).
/// </summary>
internal sealed record DoorSettingsRow(
    string DeviceId,
    string Door,
    long? GrantWindow = null,
    long? EntryWindow = null,
    long? RexShunt = null,
    long? HeldOpen = null,
    long? RelockTimeout = null,
    long? Lateness = null)
{
    public const string Wildcard = "*";

    private const long OneDay = 86_400 * DoorSettings.MicrosPerSecond;

    /// <summary>Why the row is ignored whole (spec 3.2), the <c>reason</c> of <c>f2.doors.settings.ignored</c>.</summary>
    public const string KeyInvalid = "key_invalid";

    /// <inheritdoc cref="KeyInvalid"/>
    public const string ValueOutOfRange = "value_out_of_range";

    /// <summary>Whether the row can apply: a valid key and every value set in its valid range (spec 3.1, 3.2).</summary>
    public bool IsValid => InvalidReason is null;

    /// <summary><see cref="KeyInvalid"/> or <see cref="ValueOutOfRange"/> when the row is ignored; null when it applies.</summary>
    public string? InvalidReason =>
        !IsDeviceKey(DeviceId) || !IsDoorKey(Door) ? KeyInvalid
        : InRange(GrantWindow, 1) && InRange(EntryWindow, 1) && InRange(RexShunt, 1)
            && InRange(HeldOpen, 1) && InRange(RelockTimeout, 1) && InRange(Lateness, 0) ? null
        : ValueOutOfRange;

    private static bool InRange(long? value, long min) => value is not { } v || (v >= min && v <= OneDay);

    private static bool IsDeviceKey(string? key) =>
        key == Wildcard
        || (key is { Length: 15 } && key.StartsWith("f2-", StringComparison.Ordinal)
            && !key.AsSpan(3).ContainsAnyExcept("0123456789abcdef"));

    private static bool IsDoorKey(string? key) =>
        key == Wildcard
        || (key is { Length: 1 or 2 } && key[0] is >= '1' and <= '9' && (key.Length == 1 || key[1] is >= '0' and <= '9'));
}

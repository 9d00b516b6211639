namespace F2.Doors.Derivation;

/// <summary>The resolved settings of one door (spec section 3.1), each in microseconds.</summary>
internal sealed record DoorSettings(
    long GrantWindow,
    long EntryWindow,
    long RexShunt,
    long HeldOpen,
    long RelockTimeout,
    long Lateness)
{
    public const long MicrosPerSecond = 1_000_000;

    public static DoorSettings Defaults { get; } = new(
        2 * MicrosPerSecond, 10 * MicrosPerSecond, 10 * MicrosPerSecond, 30 * MicrosPerSecond, 15 * MicrosPerSecond, 2 * MicrosPerSecond);
}

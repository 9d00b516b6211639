using F2.Protocol.Doors;

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
        Micros(DoorSettingDefaults.GrantWindow), Micros(DoorSettingDefaults.EntryWindow), Micros(DoorSettingDefaults.RexShunt),
        Micros(DoorSettingDefaults.HeldOpen), Micros(DoorSettingDefaults.RelockTimeout), Micros(DoorSettingDefaults.Lateness));

    private static long Micros(TimeSpan duration) => duration.Ticks / TimeSpan.TicksPerMicrosecond;
}

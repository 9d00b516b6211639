namespace F2.Doors.Derivation;

/// <summary>
/// An immutable set of <c>door_settings</c> rows with the precedence of spec section 3.2: each setting on its own, from
/// the most specific valid row that sets it (exact device + exact door, exact device + <c>*</c>, <c>*</c> + exact
/// door, <c>*</c> + <c>*</c>), else its default. Invalid rows are ignored whole and counted.
/// </summary>
internal sealed class DoorSettingsTable
{
    private readonly Dictionary<(string Device, string Door), DoorSettingsRow> _rows;

    private DoorSettingsTable(Dictionary<(string, string), DoorSettingsRow> rows, List<DoorSettingsRow> ignored, long version)
    {
        _rows = rows;
        Ignored = ignored;
        Version = version;
    }

    public static DoorSettingsTable Empty { get; } = Create([]);

    /// <summary>Rows left out whole (<see cref="DoorSettingsRow.InvalidReason"/>: bad key, value out of range).</summary>
    public IReadOnlyList<DoorSettingsRow> Ignored { get; }

    public int IgnoredCount => Ignored.Count;

    /// <summary>Distinct valid rows.</summary>
    public int Count => _rows.Count;

    /// <summary>Changes whenever a new table is built, so doors can cache what they resolved.</summary>
    public long Version { get; }

    private static long _versions;

    public static DoorSettingsTable Create(IEnumerable<DoorSettingsRow> rows)
    {
        var byKey = new Dictionary<(string, string), DoorSettingsRow>();
        var ignored = new List<DoorSettingsRow>();
        foreach (DoorSettingsRow row in rows)
        {
            if (row.IsValid)
            {
                byKey[(row.DeviceId, row.Door)] = row;
            }
            else
            {
                ignored.Add(row);
            }
        }

        return new DoorSettingsTable(byKey, ignored, Interlocked.Increment(ref _versions));
    }

    /// <summary>The settings of door <paramref name="door"/> of <paramref name="deviceId"/> (lower case).</summary>
    public DoorSettings Resolve(string deviceId, int door)
    {
        if (_rows.Count == 0)
        {
            return DoorSettings.Defaults;
        }

        string doorKey = door.ToString(System.Globalization.CultureInfo.InvariantCulture);
        DoorSettingsRow?[] chain =
        [
            _rows.GetValueOrDefault((deviceId, doorKey)),
            _rows.GetValueOrDefault((deviceId, DoorSettingsRow.Wildcard)),
            _rows.GetValueOrDefault((DoorSettingsRow.Wildcard, doorKey)),
            _rows.GetValueOrDefault((DoorSettingsRow.Wildcard, DoorSettingsRow.Wildcard)),
        ];
        DoorSettings d = DoorSettings.Defaults;
        return new DoorSettings(
            First(chain, r => r.GrantWindow) ?? d.GrantWindow,
            First(chain, r => r.EntryWindow) ?? d.EntryWindow,
            First(chain, r => r.RexShunt) ?? d.RexShunt,
            First(chain, r => r.HeldOpen) ?? d.HeldOpen,
            First(chain, r => r.RelockTimeout) ?? d.RelockTimeout,
            First(chain, r => r.Lateness) ?? d.Lateness);
    }

    private static long? First(DoorSettingsRow?[] chain, Func<DoorSettingsRow, long?> setting)
    {
        foreach (DoorSettingsRow? row in chain)
        {
            if (row is not null && setting(row) is { } value)
            {
                return value;
            }
        }

        return null;
    }
}

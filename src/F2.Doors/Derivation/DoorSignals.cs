using System.Globalization;
using F2.Protocol;

namespace F2.Doors.Derivation;

/// <summary>Which decoded rows are door signals and of which door (spec section 2).</summary>
internal static class DoorSignals
{
    /// <summary>
    /// True for a door signal row: <paramref name="door"/> is its door, and <paramref name="signal"/> the signal, or
    /// null with <paramref name="ignored"/> set when a strike, contact or rex value is not exactly 0 or 1.
    /// </summary>
    public static bool TryRead(string topic, in DecodedRow row, long time, out int door, out DoorSignal? signal, out bool ignored)
    {
        door = 0;
        signal = null;
        ignored = false;
        if (!string.Equals(row.ConnectorMode, ConnectorModes.AccessControl, StringComparison.Ordinal) || !TryKind(row, out SignalKind kind, out door))
        {
            return false;
        }

        if (kind == SignalKind.Read)
        {
            signal = new DoorSignal(time, kind, topic, row.PinPosition, 0, row.ValueText);
            return true;
        }

        if (row.Value is not (0.0 or 1.0))
        {
            ignored = true;
            return true;
        }

        signal = new DoorSignal(time, kind, topic, row.PinPosition, (int)row.Value.Value, null);
        return true;
    }

    private static bool TryKind(in DecodedRow row, out SignalKind kind, out int door)
    {
        (kind, door) = row.ComponentType switch
        {
            ComponentTypes.QrNfcReader => (SignalKind.Read, Number(row.ComponentId)),
            ComponentTypes.Strike => (SignalKind.Strike, Number(row.ComponentId)),
            ComponentTypes.DoorSensors => (SignalKind.Contact, row.PinPosition),
            ComponentTypes.ExitButtons => (SignalKind.Rex, row.PinPosition),
            _ => (SignalKind.Read, 0),
        };
        return door > 0;
    }

    private static int Number(string componentId) =>
        int.TryParse(componentId, NumberStyles.None, CultureInfo.InvariantCulture, out int number) ? number : 0;
}

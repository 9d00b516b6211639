using System.Globalization;
using System.Numerics;
using F2.Protocol.Topics;

namespace F2.Protocol.Text;

/// <summary>
/// The canonical wire strings (one instance each, so decoded rows share them instead of allocating) and their
/// indexes: modes, connectors, component types and component ids.
/// </summary>
internal static class WireNames
{
    public const string NotApplicable = "N/A";

    public static readonly string[] Modes = [ConnectorModes.AccessControl, ConnectorModes.Alarm, ConnectorModes.Sensor];

    public static readonly string[] Connectors = ["J1", "J2", "J3", "J4"];

    /// <summary>Indexed by <see cref="ComponentKind"/>.</summary>
    public static readonly string[] ComponentTypes =
    [
        F2.Protocol.ComponentTypes.Strike, F2.Protocol.ComponentTypes.DoorSensors, F2.Protocol.ComponentTypes.QrNfcReader,
        F2.Protocol.ComponentTypes.ExitButtons, F2.Protocol.ComponentTypes.Siren, F2.Protocol.ComponentTypes.MotionSensor,
        F2.Protocol.ComponentTypes.Rs485Sensor,
    ];

    /// <summary>The last topic level, indexed by <see cref="ComponentKind"/>; numbered ones end with <c>-</c>.</summary>
    public static readonly string[] TopicTokens =
        ["strike-", "door-sensors", "reader-", "exit-buttons", "siren-", "motion-sensor-", "sensor-"];

    /// <summary><c>N/A</c> at 0, then <c>1</c> to <c>99</c>.</summary>
    public static readonly string[] ComponentIds = CreateComponentIds();

    public static bool HasNumber(ComponentKind kind) => kind is not (ComponentKind.DoorSensors or ComponentKind.ExitButtons);

    /// <summary>The index of <paramref name="value"/> (UTF-16 or UTF-8) in <paramref name="names"/> (ordinal), or -1.</summary>
    public static int IndexOf<T>(string[] names, ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T>
    {
        for (int i = 0; i < names.Length; i++)
        {
            if (Matches(value, names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of a component id (<c>N/A</c> is 0), or -1.</summary>
    public static int ComponentIdIndex<T>(ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (Matches(value, NotApplicable))
        {
            return 0;
        }

        return AsciiDigits.TryParseOneToNinetyNine(value, out int number) ? number : -1;
    }

    /// <summary>Whether <paramref name="value"/> spells the ASCII <paramref name="name"/> exactly.</summary>
    public static bool Matches<T>(ReadOnlySpan<T> value, string name)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (value.Length != name.Length)
        {
            return false;
        }

        for (int i = 0; i < value.Length; i++)
        {
            if (uint.CreateTruncating(value[i]) != name[i])
            {
                return false;
            }
        }

        return true;
    }

    private static string[] CreateComponentIds()
    {
        var ids = new string[100];
        ids[0] = NotApplicable;
        for (int i = 1; i < ids.Length; i++)
        {
            ids[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return ids;
    }
}

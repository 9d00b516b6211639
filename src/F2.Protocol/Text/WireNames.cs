using System.Globalization;
using F2.Protocol.Topics;

namespace F2.Protocol.Text;

/// <summary>
/// The canonical wire strings (one instance each, so decoded rows share them instead of allocating) and their
/// indexes: modes, connectors, component types and component ids.
/// </summary>
internal static class WireNames
{
    public const string NotApplicable = "N/A";

    public static readonly string[] Modes = ["access-control-mode", "alarm-mode", "sensor-mode"];

    public static readonly string[] Connectors = ["J1", "J2", "J3", "J4"];

    /// <summary>Indexed by <see cref="ComponentKind"/>.</summary>
    public static readonly string[] ComponentTypes =
        ["strike", "door-sensors", "qr-nfc-reader", "exit-buttons", "siren", "motion-sensor", "RS485-sensor"];

    /// <summary>The last topic level, indexed by <see cref="ComponentKind"/>; numbered ones end with <c>-</c>.</summary>
    public static readonly string[] TopicTokens =
        ["strike-", "door-sensors", "reader-", "exit-buttons", "siren-", "motion-sensor-", "sensor-"];

    /// <summary><c>N/A</c> at 0, then <c>1</c> to <c>99</c>.</summary>
    public static readonly string[] ComponentIds = CreateComponentIds();

    public static bool HasNumber(ComponentKind kind) => kind is not (ComponentKind.DoorSensors or ComponentKind.ExitButtons);

    /// <summary>The index of <paramref name="value"/> in <paramref name="names"/> (ordinal), or -1.</summary>
    public static int IndexOf(string[] names, ReadOnlySpan<char> value)
    {
        for (int i = 0; i < names.Length; i++)
        {
            if (value.SequenceEqual(names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of a component id (<c>N/A</c> is 0), or -1.</summary>
    public static int ComponentIdIndex(ReadOnlySpan<char> value)
    {
        if (value.SequenceEqual(NotApplicable))
        {
            return 0;
        }

        return AsciiDigits.TryParseOneToNinetyNine(value, out int number) ? number : -1;
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

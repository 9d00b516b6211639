using F2.Protocol.Text;
using F2.Protocol.Topics;

namespace F2.Protocol;

/// <summary>
/// The wire names of the component types (spec section 1): <c>component_type</c> in rows and parameters, and the
/// topic token of each. The one source of these names; the table's CHECK constraints are tested against them.
/// </summary>
public static class ComponentTypes
{
    public const string Strike = "strike";
    public const string DoorSensors = "door-sensors";
    public const string QrNfcReader = "qr-nfc-reader";
    public const string ExitButtons = "exit-buttons";
    public const string Siren = "siren";
    public const string MotionSensor = "motion-sensor";
    public const string Rs485Sensor = "RS485-sensor";

    /// <summary>Every component type, indexed by <see cref="ComponentKind"/>.</summary>
    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly(WireNames.ComponentTypes);

    /// <summary>The <c>component_type</c> wire name, e.g. <c>qr-nfc-reader</c>.</summary>
    public static string WireName(this ComponentKind kind) => WireNames.ComponentTypes[(int)kind];

    /// <summary>
    /// Whether the component's topic carries a number (1 to 99) and its <c>component_id</c> is that number; the
    /// others (door sensors, exit buttons) are pin maps with <c>component_id</c> <see cref="ComponentIds.NotApplicable"/>.
    /// </summary>
    public static bool HasNumber(this ComponentKind kind) => WireNames.HasNumber(kind);

    /// <summary>The last topic level, e.g. <c>reader-2</c>, <c>door-sensors</c> (<paramref name="number"/> ignored without one).</summary>
    public static string TopicToken(this ComponentKind kind, int number)
        => kind.HasNumber() ? WireNames.TopicTokens[(int)kind] + ComponentIds.Format(number) : WireNames.TopicTokens[(int)kind];

    /// <summary>The kind whose wire name is <paramref name="componentType"/> (ordinal), if any.</summary>
    public static bool TryParse(string? componentType, out ComponentKind kind)
    {
        int index = componentType is null ? -1 : WireNames.IndexOf(WireNames.ComponentTypes, componentType.AsSpan());
        kind = index < 0 ? default : (ComponentKind)index;
        return index >= 0;
    }
}

namespace F2.Protocol;

/// <summary>
/// The wire names of the three connector modes (spec section 1): topic level 3 and
/// <c>device_parameters.connector_mode</c>. The one source of these names; the table's CHECK constraint is tested
/// against <see cref="All"/>.
/// </summary>
public static class ConnectorModes
{
    public const string AccessControl = "access-control-mode";
    public const string Alarm = "alarm-mode";
    public const string Sensor = "sensor-mode";

    /// <summary>Every mode, in the order the decoder indexes them.</summary>
    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly(Text.WireNames.Modes);
}

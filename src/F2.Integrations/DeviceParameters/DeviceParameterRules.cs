using System.Text.RegularExpressions;

namespace F2.Integrations.DeviceParameters;

/// <summary>The values a <c>device_parameters</c> row may hold (spec section 3); the table's CHECK constraints say the same.</summary>
internal static partial class DeviceParameterRules
{
    public static readonly string[] ConnectorModes = ["access-control-mode", "alarm-mode", "sensor-mode"];

    public static readonly string[] ComponentTypes =
        ["strike", "door-sensors", "qr-nfc-reader", "exit-buttons", "siren", "motion-sensor", "RS485-sensor"];

    public static readonly string[] EncodingTypes = ["boolean", "boolean_map", "hex_to_float", "ieee754_float32", "raw_string"];

    /// <summary>The types whose topic has no number; their component_id is <c>N/A</c>.</summary>
    private static readonly string[] UnnumberedTypes = ["door-sensors", "exit-buttons"];

    /// <summary>Lower-cases the hex digits of <c>f2-&lt;mac&gt;</c> (devices send either case); anything else unchanged.</summary>
    public static string NormalizeDeviceId(string deviceId)
        => deviceId.StartsWith("f2-", StringComparison.Ordinal) ? deviceId.ToLowerInvariant() : deviceId;

    public static void Check(string deviceId, string mode, string type, string id, string units, List<string> problems)
    {
        if (deviceId != "*" && !DeviceIdPattern().IsMatch(deviceId))
        {
            problems.Add($"device_id '{deviceId}' is neither '*' nor 'f2-' followed by 12 hex digits");
        }

        if (!ConnectorModes.Contains(mode))
        {
            problems.Add($"connector_mode '{mode}' is not one of {string.Join(", ", ConnectorModes)}");
        }

        if (!ComponentTypes.Contains(type))
        {
            problems.Add($"component_type '{type}' is not one of {string.Join(", ", ComponentTypes)}");
        }
        else if (id != "*")
        {
            bool unnumbered = UnnumberedTypes.Contains(type);
            if (unnumbered && id != "N/A")
            {
                problems.Add($"component_id of {type} must be 'N/A' or '*', not '{id}'");
            }
            else if (!unnumbered && !ComponentNumberPattern().IsMatch(id))
            {
                problems.Add($"component_id of {type} must be 1 to 99 (no leading zero) or '*', not '{id}'");
            }
        }

        if (units.Length == 0)
        {
            problems.Add("units is empty");
        }
    }

    [GeneratedRegex("^f2-[0-9a-f]{12}$")]
    private static partial Regex DeviceIdPattern();

    [GeneratedRegex("^[1-9][0-9]?$")]
    private static partial Regex ComponentNumberPattern();
}

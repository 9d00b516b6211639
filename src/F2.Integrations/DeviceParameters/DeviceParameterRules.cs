using F2.Protocol;

namespace F2.Integrations.DeviceParameters;

/// <summary>
/// The values a <c>device_parameters</c> row may hold (spec section 3), in the vocabulary of F2.Protocol; the table's
/// CHECK constraints say the same (a test holds them equal).
/// </summary>
internal static class DeviceParameterRules
{
    /// <summary>The wildcard of <c>device_id</c> and <c>component_id</c>: a default for every device or component.</summary>
    public const string Any = "*";

    public static void Check(string deviceId, string mode, string type, string id, string units, List<string> problems)
    {
        if (deviceId != Any && !DeviceIdSyntax.IsCanonical(deviceId))
        {
            problems.Add($"device_id '{deviceId}' is neither '*' nor 'f2-' followed by 12 hex digits");
        }

        if (!ConnectorModes.All.Contains(mode))
        {
            problems.Add($"connector_mode '{mode}' is not one of {string.Join(", ", ConnectorModes.All)}");
        }

        if (!ComponentTypes.TryParse(type, out var kind))
        {
            problems.Add($"component_type '{type}' is not one of {string.Join(", ", ComponentTypes.All)}");
        }
        else if (id != Any)
        {
            if (!kind.HasNumber() && id != ComponentIds.NotApplicable)
            {
                problems.Add($"component_id of {type} must be 'N/A' or '*', not '{id}'");
            }
            else if (kind.HasNumber() && !ComponentIds.IsNumber(id))
            {
                problems.Add($"component_id of {type} must be 1 to 99 (no leading zero) or '*', not '{id}'");
            }
        }

        if (units.Length == 0)
        {
            problems.Add("units is empty");
        }
    }
}

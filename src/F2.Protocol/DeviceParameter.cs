namespace F2.Protocol;

/// <summary>
/// One row of <c>device_parameters</c> (spec section 3). <see cref="DeviceId"/> may be
/// <see cref="Wildcard"/> (any device) and so may <see cref="ComponentId"/> (any id of the type).
/// Strings are the wire forms: <c>access-control-mode</c>, <c>door-sensors</c>, <c>N/A</c>, <c>3</c>.
/// </summary>
public sealed record DeviceParameter(
    string DeviceId,
    string ConnectorMode,
    string ComponentType,
    string ComponentId,
    EncodingType Encoding,
    string Units,
    double ScalingFactor = 1.0,
    double ValueOffset = 0.0,
    bool IsSigned = false)
{
    public const string Wildcard = "*";
}

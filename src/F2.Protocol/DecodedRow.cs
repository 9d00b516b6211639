namespace F2.Protocol;

/// <summary>
/// One decoded measurement (spec section 5). <see cref="Time"/> is the device timestamp in UTC,
/// truncated to the microsecond. Exactly one of <see cref="Value"/> and <see cref="ValueText"/> is set.
/// </summary>
public readonly record struct DecodedRow(
    DateTime Time,
    string DeviceId,
    string ConnectorMode,
    string Connector,
    string ComponentType,
    string ComponentId,
    int PinPosition,
    double? Value,
    string? ValueText,
    string Unit);

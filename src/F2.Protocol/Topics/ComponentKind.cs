namespace F2.Protocol.Topics;

/// <summary>The component types of spec section 1, in the order of <c>WireNames.ComponentTypes</c>.</summary>
internal enum ComponentKind : byte
{
    Strike,
    DoorSensors,
    QrNfcReader,
    ExitButtons,
    Siren,
    MotionSensor,
    Rs485Sensor,
}

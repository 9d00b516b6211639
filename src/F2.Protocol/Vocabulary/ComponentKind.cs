namespace F2.Protocol.Topics;

/// <summary>The seven component types of spec section 1, in the order of <see cref="ComponentTypes.All"/>.</summary>
public enum ComponentKind : byte
{
    Strike,
    DoorSensors,
    QrNfcReader,
    ExitButtons,
    Siren,
    MotionSensor,
    Rs485Sensor,
}

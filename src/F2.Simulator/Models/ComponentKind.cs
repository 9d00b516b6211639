namespace F2.Simulator.Models;

/// <summary>The seven component types a connector can carry (spec section 1).</summary>
internal enum ComponentKind
{
    Strike,
    DoorSensors,
    Reader,
    ExitButtons,
    Siren,
    MotionSensor,
    Rs485Sensor,
}

namespace F2.Simulator.Models;

/// <summary>Wire names of <see cref="ComponentKind"/>: the <c>component_type</c> column and the topic token.</summary>
internal static class ComponentKindNames
{
    /// <summary>The <c>component_type</c> wire name, e.g. <c>qr-nfc-reader</c> for a reader.</summary>
    public static string ToComponentType(this ComponentKind kind) => kind switch
    {
        ComponentKind.Strike => "strike",
        ComponentKind.DoorSensors => "door-sensors",
        ComponentKind.Reader => "qr-nfc-reader",
        ComponentKind.ExitButtons => "exit-buttons",
        ComponentKind.Siren => "siren",
        ComponentKind.MotionSensor => "motion-sensor",
        ComponentKind.Rs485Sensor => "RS485-sensor",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The topic token, e.g. <c>reader-2</c>, <c>door-sensors</c> (number ignored for pin maps).</summary>
    public static string ToTopicToken(this ComponentKind kind, int number) => kind switch
    {
        ComponentKind.DoorSensors => "door-sensors",
        ComponentKind.ExitButtons => "exit-buttons",
        ComponentKind.Strike => $"strike-{number}",
        ComponentKind.Reader => $"reader-{number}",
        ComponentKind.Siren => $"siren-{number}",
        ComponentKind.MotionSensor => $"motion-sensor-{number}",
        ComponentKind.Rs485Sensor => $"sensor-{number}",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>True for the components whose payload is a pin map and whose topic carries no number.</summary>
    public static bool IsPinMap(this ComponentKind kind) => kind is ComponentKind.DoorSensors or ComponentKind.ExitButtons;
}

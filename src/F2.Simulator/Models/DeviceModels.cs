namespace F2.Simulator.Models;

/// <summary>
/// The seven F2 models and their connector layouts. The real layouts are not public: these are plausible inventions,
/// documented in docs/SIMULATOR.md (a test keeps the two in step). Component numbers are unique per device, and door N
/// always uses <c>strike-N</c>, <c>reader-N</c> and pin N of the <c>door-sensors</c> and <c>exit-buttons</c> maps.
/// </summary>
internal static class DeviceModels
{
    public static DeviceModel F2212 { get; } = new("F2-212", "Two-door access controller", [
        new AccessControlConnector("J1", new DoorSpec(1)),
        new AccessControlConnector("J2", new DoorSpec(2)),
    ]);

    public static DeviceModel F2213 { get; } = new("F2-213", "Two doors and an intrusion zone", [
        new AccessControlConnector("J1", new DoorSpec(1)),
        new AccessControlConnector("J2", new DoorSpec(2, HasExitButton: false)),
        new AlarmConnector("J3", motionSensors: [1], sirens: [1]),
    ]);

    public static DeviceModel F2214 { get; } = new("F2-214", "Four-door access controller, two doors per connector", [
        new AccessControlConnector("J1", new DoorSpec(1), new DoorSpec(2)),
        new AccessControlConnector("J2", new DoorSpec(3), new DoorSpec(4)),
    ]);

    public static DeviceModel F2215 { get; } = new("F2-215", "One door, two alarm zones and a climate probe", [
        new AccessControlConnector("J1", new DoorSpec(1)),
        new AlarmConnector("J2", motionSensors: [1, 2], sirens: [1]),
        new SensorConnector("J3", SensorSpec.TemperatureSigned(1, 17.0, 27.0), SensorSpec.Humidity(2)),
        new AlarmConnector("J4", motionSensors: [3], sirens: [2]),
    ]);

    public static DeviceModel F2301 { get; } = new("F2-301", "Intrusion alarm panel with an emergency exit", [
        new AlarmConnector("J1", motionSensors: [1, 2], sirens: [1]),
        new AlarmConnector("J2", motionSensors: [3, 4], sirens: [2]),
        new AccessControlConnector("J3", new DoorSpec(1, HasReader: false)),
        new SensorConnector("J4", SensorSpec.TemperatureOffset(1)),
    ]);

    public static DeviceModel F2401 { get; } = new("F2-401", "RS-485 environment hub", [
        new SensorConnector("J1", SensorSpec.TemperatureSigned(1, -15.0, 35.0), SensorSpec.Humidity(2)),
        new SensorConnector("J2", SensorSpec.PressureHex(3)),
        new SensorConnector("J3", SensorSpec.TemperatureFloat(4), SensorSpec.PressureFloat(5)),
        new SensorConnector("J4", SensorSpec.HumidityCoarse(6)),
    ]);

    public static DeviceModel F2403 { get; } = new("F2-403", "Two doors with climate monitoring and an alarm zone", [
        new AccessControlConnector("J1", new DoorSpec(1)),
        new AccessControlConnector("J2", new DoorSpec(2)),
        new SensorConnector("J3", SensorSpec.TemperatureSigned(1, 17.0, 27.0), SensorSpec.Humidity(2), SensorSpec.PressureFloat(3)),
        new AlarmConnector("J4", motionSensors: [1], sirens: [1]),
    ]);

    /// <summary>All models in name order.</summary>
    public static IReadOnlyList<DeviceModel> All { get; } = [F2212, F2213, F2214, F2215, F2301, F2401, F2403];

    public static bool TryGet(string name, out DeviceModel model)
    {
        model = All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return model is not null;
    }
}

using F2.Protocol;
using F2.Protocol.Topics;

namespace F2.Simulator.Models;

/// <summary>An F2 controller model: its name, what it is for, and what each used connector is wired for.</summary>
internal sealed record DeviceModel(string Name, string Summary, IReadOnlyList<ConnectorLayout> Connectors)
{
    /// <summary>Every component of the model, connector by connector.</summary>
    public IEnumerable<Component> Components => Connectors.SelectMany(c => c.Components);

    /// <summary>
    /// The exact <c>device_parameters</c> rows that decode everything a device of this model publishes. Component
    /// numbers are unique per device, so one row per (mode, type, id) serves every connector.
    /// </summary>
    public IReadOnlyList<DeviceParameter> ParametersFor(string deviceId)
    {
        Dictionary<int, SensorSpec> sensors = Connectors.OfType<SensorConnector>()
            .SelectMany(c => c.Sensors)
            .ToDictionary(s => s.Number);
        return
        [
            .. Components
                .Select(c => c.Kind == ComponentKind.Rs485Sensor
                    ? sensors[c.Number].ToParameter(deviceId)
                    : new DeviceParameter(deviceId, c.Mode, c.Kind.WireName(), c.ComponentId, EncodingOf(c.Kind), UnitsOf(c.Kind)))
                .DistinctBy(p => (p.ConnectorMode, p.ComponentType, p.ComponentId)),
        ];
    }

    private static EncodingType EncodingOf(ComponentKind kind) => kind switch
    {
        ComponentKind.DoorSensors or ComponentKind.ExitButtons => EncodingType.BooleanMap,
        ComponentKind.QrNfcReader => EncodingType.RawString,
        _ => EncodingType.Boolean,
    };

    private static string UnitsOf(ComponentKind kind) => kind switch
    {
        ComponentKind.QrNfcReader => "text",
        ComponentKind.MotionSensor => "presence",
        _ => "state",
    };
}

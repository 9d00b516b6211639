namespace F2.Simulator.Models;

/// <summary>The wire names of the three connector modes (topic level 3, <c>device_parameters.connector_mode</c>).</summary>
internal static class ConnectorModes
{
    public const string AccessControl = "access-control-mode";
    public const string Alarm = "alarm-mode";
    public const string Sensor = "sensor-mode";
}

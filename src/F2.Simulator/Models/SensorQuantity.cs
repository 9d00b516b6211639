namespace F2.Simulator.Models;

/// <summary>What an RS-485 sensor measures.</summary>
internal enum SensorQuantity
{
    Temperature,
    Humidity,
    Pressure,
}

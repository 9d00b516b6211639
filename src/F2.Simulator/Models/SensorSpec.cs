using F2.Protocol;
using F2.Protocol.Topics;

namespace F2.Simulator.Models;

/// <summary>
/// An RS-485 sensor <c>sensor-N</c>: what it measures, the range its signal wanders in, and how its firmware encodes
/// the reading (which is also the <c>device_parameters</c> row the simulator writes for it).
/// </summary>
internal sealed record SensorSpec(
    int Number,
    SensorQuantity Quantity,
    string Units,
    EncodingType Encoding,
    int ByteWidth,
    double ScalingFactor,
    double ValueOffset,
    bool IsSigned,
    HexStyle Style,
    double Min,
    double Max)
{
    /// <summary>Temperature as a signed 16-bit integer of 0.01 °C (outdoor probes go below zero).</summary>
    public static SensorSpec TemperatureSigned(int number, double min, double max) =>
        new(number, SensorQuantity.Temperature, "celsius", EncodingType.HexToFloat, 2, 0.01, 0.0, true, HexStyle.Plain, min, max);

    /// <summary>Temperature as an unsigned 16-bit integer of 0.1 °C above -40 °C (raw = (t + 40) x 10).</summary>
    public static SensorSpec TemperatureOffset(int number) =>
        new(number, SensorQuantity.Temperature, "celsius", EncodingType.HexToFloat, 2, 0.1, -40.0, false, HexStyle.Prefixed, 17.0, 27.0);

    /// <summary>Temperature as an IEEE 754 single.</summary>
    public static SensorSpec TemperatureFloat(int number) =>
        new(number, SensorQuantity.Temperature, "celsius", EncodingType.Ieee754Float32, 4, 1.0, 0.0, false, HexStyle.Plain, 18.0, 28.0);

    /// <summary>Relative humidity as an unsigned 16-bit integer of 0.01 %.</summary>
    public static SensorSpec Humidity(int number) =>
        new(number, SensorQuantity.Humidity, "percent", EncodingType.HexToFloat, 2, 0.01, 0.0, false, HexStyle.Plain, 30.0, 70.0);

    /// <summary>Relative humidity as one unsigned byte of 0.5 %.</summary>
    public static SensorSpec HumidityCoarse(int number) =>
        new(number, SensorQuantity.Humidity, "percent", EncodingType.HexToFloat, 1, 0.5, 0.0, false, HexStyle.Prefixed, 25.0, 80.0);

    /// <summary>Barometric pressure as an unsigned 32-bit integer of 0.01 hPa, bytes separated by spaces.</summary>
    public static SensorSpec PressureHex(int number) =>
        new(number, SensorQuantity.Pressure, "hPa", EncodingType.HexToFloat, 4, 0.01, 0.0, false, HexStyle.Spaced, 985.0, 1035.0);

    /// <summary>Barometric pressure as an IEEE 754 single.</summary>
    public static SensorSpec PressureFloat(int number) =>
        new(number, SensorQuantity.Pressure, "hPa", EncodingType.Ieee754Float32, 4, 1.0, 0.0, false, HexStyle.Prefixed, 985.0, 1035.0);

    /// <summary>The <c>device_parameters</c> row that decodes this sensor on <paramref name="deviceId"/>.</summary>
    public DeviceParameter ToParameter(string deviceId) => new(
        deviceId,
        ConnectorModes.Sensor,
        ComponentKind.Rs485Sensor.WireName(),
        Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Encoding,
        Units,
        ScalingFactor,
        ValueOffset,
        IsSigned);
}

using System.Globalization;
using F2.Protocol;

namespace F2.Benchmarks;

/// <summary>
/// A fleet of door controllers: 10,000 devices, each with its own <c>device_parameters</c> rows, plus wildcard rows
/// that cover the devices not (yet) configured one by one.
/// </summary>
internal static class Fleet
{
    public const int Devices = 10_000;

    /// <summary>Every tenth message comes from a device that only the wildcard rows cover.</summary>
    public const int UnconfiguredShare = 10;

    public static string DeviceId(int index) => "f2-" + (0xE4FD45000000L + index).ToString("x12", CultureInfo.InvariantCulture);

    public static string UnconfiguredDeviceId(int index) => "f2-" + (0x001122000000L + index).ToString("x12", CultureInfo.InvariantCulture);

    public static ParameterSet Parameters()
    {
        var rows = new List<DeviceParameter>(Devices * 10);
        for (int i = 0; i < Devices; i++)
        {
            string id = DeviceId(i);
            rows.Add(new(id, "access-control-mode", "strike", "1", EncodingType.Boolean, "state"));
            rows.Add(new(id, "access-control-mode", "strike", "2", EncodingType.Boolean, "state"));
            rows.Add(new(id, "access-control-mode", "door-sensors", "N/A", EncodingType.BooleanMap, "state"));
            rows.Add(new(id, "access-control-mode", "exit-buttons", "N/A", EncodingType.BooleanMap, "state"));
            rows.Add(new(id, "access-control-mode", "qr-nfc-reader", "1", EncodingType.RawString, "text"));
            rows.Add(new(id, "sensor-mode", "RS485-sensor", "3", EncodingType.HexToFloat, "celsius", 0.1));
            rows.Add(new(id, "sensor-mode", "RS485-sensor", "4", EncodingType.HexToFloat, "celsius", 0.01, IsSigned: true));
            rows.Add(new(id, "sensor-mode", "RS485-sensor", "5", EncodingType.Ieee754Float32, "hPa"));
            rows.Add(new(id, "alarm-mode", "siren", "1", EncodingType.Boolean, "state"));
            rows.Add(new(id, "alarm-mode", "motion-sensor", "1", EncodingType.Boolean, "presence"));
        }

        rows.Add(new("*", "access-control-mode", "strike", "*", EncodingType.Boolean, "state"));
        rows.Add(new("*", "access-control-mode", "door-sensors", "*", EncodingType.BooleanMap, "state"));
        rows.Add(new("*", "access-control-mode", "exit-buttons", "*", EncodingType.BooleanMap, "state"));
        rows.Add(new("*", "access-control-mode", "qr-nfc-reader", "*", EncodingType.RawString, "text"));
        rows.Add(new("*", "sensor-mode", "RS485-sensor", "*", EncodingType.HexToFloat, "raw"));
        rows.Add(new("*", "alarm-mode", "siren", "*", EncodingType.Boolean, "state"));
        rows.Add(new("*", "alarm-mode", "motion-sensor", "*", EncodingType.Boolean, "presence"));
        return ParameterSet.Create(rows);
    }
}

using System.Text;
using F2.Protocol;

namespace F2.Tests.Protocol;

/// <summary>Builders for the unit tests: the seed device, its parameters, topics and payloads.</summary>
internal static class Given
{
    public const string Device = "f2-e4fd45f654be";
    public const string Timestamp = "2023-05-26 18:34:04.928538";
    public const string StrikeTopic = "cmnd/f2-e4fd45f654be/access-control-mode/J1/strike-1";
    public const string DoorSensorsTopic = "cmnd/f2-e4fd45f654be/access-control-mode/J2/door-sensors";

    public static DateTime SeedTime { get; } = new DateTime(2023, 5, 26, 18, 34, 4, DateTimeKind.Utc).AddTicks(9_285_380);

    /// <summary>One component configured with one encoding on the seed device.</summary>
    public static ParameterSet Parameters(
        string mode, string componentType, string componentId, EncodingType encoding,
        double scalingFactor = 1.0, double valueOffset = 0.0, bool isSigned = false) =>
        ParameterSet.Create([Row(Device, mode, componentType, componentId, encoding, "unit", scalingFactor, valueOffset, isSigned)]);

    public static DeviceParameter Row(
        string deviceId, string mode, string componentType, string componentId, EncodingType encoding, string units,
        double scalingFactor = 1.0, double valueOffset = 0.0, bool isSigned = false) =>
        new(deviceId, mode, componentType, componentId, encoding, units, scalingFactor, valueOffset, isSigned);

    /// <summary>A payload with the seed timestamp and the given JSON members, e.g. <c>"status": true</c>.</summary>
    public static string Payload(string members) => $"{{\"timestamp\": \"{Timestamp}\", {members}}}";

    public static (DecodeResult Result, List<DecodedRow> Rows) Decode(string topic, string payload, ParameterSet parameters) =>
        Decode(topic, Encoding.UTF8.GetBytes(payload), parameters);

    public static (DecodeResult Result, List<DecodedRow> Rows) Decode(string topic, byte[] payload, ParameterSet parameters)
    {
        var rows = new List<DecodedRow>();
        DecodeResult result = MessageDecoder.Decode(topic, payload, parameters, rows);
        Assert.Equal(result.IsSuccess, rows.Count > 0);
        return (result, rows);
    }

    /// <summary>Decodes <c>data</c> on the seed's RS-485 sensor 3 configured with <paramref name="parameters"/>.</summary>
    public static (DecodeResult Result, List<DecodedRow> Rows) DecodeSensorData(string dataJson, ParameterSet parameters) =>
        Decode("cmnd/f2-e4fd45f654be/sensor-mode/J4/sensor-3", Payload($"\"data\": {dataJson}"), parameters);

    public static ParameterSet Sensor(EncodingType encoding, double scalingFactor = 1.0, double valueOffset = 0.0, bool isSigned = false) =>
        Parameters("sensor-mode", "RS485-sensor", "3", encoding, scalingFactor, valueOffset, isSigned);
}

using F2.Protocol;
using F2.Protocol.Topics;
using F2.Simulator.Behaviour;
using F2.Simulator.Models;
using F2.Simulator.Payloads;

namespace F2.Tests.Simulator;

public class SensorEncodingTests
{
    private const string DeviceId = "f2-0a1b2c3d4e5f";

    public static TheoryData<string, int> Sensors()
    {
        var data = new TheoryData<string, int>();
        foreach (DeviceModel model in DeviceModels.All)
        {
            foreach (SensorSpec sensor in model.Connectors.OfType<SensorConnector>().SelectMany(c => c.Sensors))
            {
                data.Add(model.Name, sensor.Number);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sensors))]
    public void AReadingDecodesToTheMeasuredValueWithinHalfAScalingStep(string modelName, int number)
    {
        Assert.True(DeviceModels.TryGet(modelName, out DeviceModel model));
        SensorConnector bus = model.Connectors.OfType<SensorConnector>().Single(c => c.Sensors.Any(s => s.Number == number));
        SensorSpec sensor = bus.Sensors.Single(s => s.Number == number);
        string topic = ComponentTopics.For(DeviceId, bus, ComponentKind.Rs485Sensor, number);
        ParameterSet parameters = ParameterSet.Create([sensor.ToParameter(DeviceId)]);

        for (double value = sensor.Min; value <= sensor.Max; value += (sensor.Max - sensor.Min) / 37)
        {
            byte[] payload = DevicePayloads.Data(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), SensorEncoding.Encode(sensor, value));
            var rows = new List<DecodedRow>();

            Assert.True(MessageDecoder.Decode(topic, payload, parameters, rows).IsSuccess);
            DecodedRow row = Assert.Single(rows);
            Assert.Equal(sensor.Units, row.Unit);
            double tolerance = sensor.Encoding == EncodingType.Ieee754Float32 ? 1e-4 : (sensor.ScalingFactor / 2) + 1e-9;
            Assert.InRange(row.Value!.Value, value - tolerance, value + tolerance);
        }
    }

    [Fact]
    public void ASignedTemperatureBelowZeroIsWrittenInTwosComplement()
    {
        SensorSpec outdoor = SensorSpec.TemperatureSigned(1, -15.0, 35.0);

        Assert.Equal("FDF8", SensorEncoding.Encode(outdoor, -5.2));
        Assert.Equal("0859", SensorEncoding.Encode(outdoor, 21.37));
    }

    [Fact]
    public void HexStylesFollowTheSensorsFirmware()
    {
        Assert.Equal("0x02A3", SensorEncoding.Encode(SensorSpec.TemperatureOffset(1), 27.5));
        Assert.Equal("00 01 8B CD", SensorEncoding.Encode(SensorSpec.PressureHex(1), 1013.25));
        Assert.Equal("0x447D5000", SensorEncoding.Encode(SensorSpec.PressureFloat(1), 1013.25));
    }
}

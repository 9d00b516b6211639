using F2.Protocol;
using F2.Protocol.Topics;
using F2.Simulator.Behaviour;
using F2.Simulator.Models;

namespace F2.Tests.Simulator;

public class DeviceModelLayoutTests
{
    private const string DeviceId = "f2-0a1b2c3d4e5f";

    public static TheoryData<string> ModelNames => [.. DeviceModels.All.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void EveryTopicOfTheModelParsesBackToItsComponent(string name)
    {
        Assert.True(DeviceModels.TryGet(name, out DeviceModel model));
        foreach (Component component in model.Components)
        {
            string topic = ComponentTopics.For(DeviceId, component);

            Assert.True(DeviceTopic.TryParse(topic, out DeviceTopic parsed), topic);
            Assert.Equal(
                (DeviceId, component.Mode, component.Connector, component.Kind.WireName(), component.ComponentId),
                (parsed.DeviceId, parsed.ConnectorMode, parsed.Connector, parsed.ComponentType, parsed.ComponentId));
        }
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void EachConnectorCarriesOnlyTheComponentsOfItsMode(string name)
    {
        Assert.True(DeviceModels.TryGet(name, out DeviceModel model));
        Assert.Equal(model.Connectors.Count, model.Connectors.Select(c => c.Connector).Distinct().Count());
        foreach (ConnectorLayout connector in model.Connectors)
        {
            Assert.Contains(connector.Connector, new[] { "J1", "J2", "J3", "J4" });
            ComponentKind[] allowed = connector.Mode switch
            {
                ConnectorModes.AccessControl => [ComponentKind.Strike, ComponentKind.DoorSensors, ComponentKind.QrNfcReader, ComponentKind.ExitButtons],
                ConnectorModes.Alarm => [ComponentKind.MotionSensor, ComponentKind.Siren],
                ConnectorModes.Sensor => [ComponentKind.Rs485Sensor],
                _ => [],
            };
            Assert.NotEmpty(connector.Components);
            Assert.All(connector.Components, c => Assert.Contains(c.Kind, allowed));
        }
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void ComponentNumbersAreUniqueWithinADeviceSoOneParameterRowServesEachComponent(string name)
    {
        Assert.True(DeviceModels.TryGet(name, out DeviceModel model));
        Component[] numbered = [.. model.Components.Where(c => c.Kind.HasNumber())];

        Assert.Equal(numbered.Length, numbered.DistinctBy(c => (c.Kind, c.Number)).Count());
        Assert.All(numbered, c => Assert.InRange(c.Number, 1, 99));
        IReadOnlyList<DeviceParameter> parameters = model.ParametersFor(DeviceId);
        Assert.All(model.Components, c => Assert.Single(parameters, p =>
            p.ConnectorMode == c.Mode && p.ComponentType == c.Kind.WireName() && p.ComponentId == c.ComponentId));
    }

    [Fact]
    public void TheModelsTogetherUseEveryComponentTypeModeAndConnector()
    {
        Component[] all = [.. DeviceModels.All.SelectMany(m => m.Components)];

        Assert.Equal(Enum.GetValues<ComponentKind>().Order(), all.Select(c => c.Kind).Distinct().Order());
        Assert.Equal([ConnectorModes.AccessControl, ConnectorModes.Alarm, ConnectorModes.Sensor], all.Select(c => c.Mode).Distinct().Order());
        Assert.Equal(["J1", "J2", "J3", "J4"], all.Select(c => c.Connector).Distinct().Order());
        Assert.Equal(
            ["F2-212", "F2-213", "F2-214", "F2-215", "F2-301", "F2-401", "F2-403"],
            DeviceModels.All.Select(m => m.Name));
    }

    [Fact]
    public void SensorParametersUseBothNumericEncodingsSignedValuesAndOffsets()
    {
        SensorSpec[] sensors = [.. DeviceModels.All.SelectMany(m => m.Connectors.OfType<SensorConnector>()).SelectMany(c => c.Sensors)];

        Assert.Contains(sensors, s => s.Encoding == EncodingType.HexToFloat && s.IsSigned && s.Min < 0);
        Assert.Contains(sensors, s => s.Encoding == EncodingType.HexToFloat && s.ValueOffset != 0);
        Assert.Contains(sensors, s => s.Encoding == EncodingType.Ieee754Float32);
        Assert.Equal(Enum.GetValues<SensorQuantity>().Order(), sensors.Select(s => s.Quantity).Distinct().Order());
    }
}

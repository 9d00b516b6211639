using F2.Protocol;

namespace F2.Tests.Protocol;

public class TopicTests
{
    [Theory]
    [InlineData("strike-1", "strike", "1", 1)]
    [InlineData("door-sensors", "door-sensors", "N/A", 0)]
    [InlineData("reader-2", "qr-nfc-reader", "2", 2)]
    [InlineData("exit-buttons", "exit-buttons", "N/A", 0)]
    [InlineData("siren-10", "siren", "10", 10)]
    [InlineData("motion-sensor-3", "motion-sensor", "3", 3)]
    [InlineData("sensor-99", "RS485-sensor", "99", 99)]
    public void EveryComponentTokenGivesItsTypeIdAndNumber(string token, string componentType, string componentId, int number)
    {
        Assert.True(DeviceTopic.TryParse($"cmnd/f2-e4fd45f654be/alarm-mode/J3/{token}", out DeviceTopic topic));

        Assert.Equal(new DeviceTopic("f2-e4fd45f654be", "alarm-mode", "J3", componentType, componentId, number), topic);
    }

    [Fact]
    public void MixedCaseMacIsTheSameLowerCaseDevice()
    {
        Assert.True(DeviceTopic.TryParse("cmnd/f2-E4fd45F654bE/sensor-mode/J4/sensor-3", out DeviceTopic topic));

        Assert.Equal("f2-e4fd45f654be", topic.DeviceId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("cmnd")]
    [InlineData("cmnd/")]
    [InlineData("/cmnd/f2-e4fd45f654be/access-control-mode/J1/strike-1")]
    [InlineData("cmnd/f2-e4fd45f654be/access-control-mode/J1/strike-1/")]
    [InlineData("cmnd//access-control-mode/J1/strike-1")]
    [InlineData("Cmnd/f2-e4fd45f654be/access-control-mode/J1/strike-1")]
    [InlineData("cmnd/F2-e4fd45f654be/access-control-mode/J1/strike-1")]
    [InlineData("cmnd/f2_e4fd45f654be/access-control-mode/J1/strike-1")]
    [InlineData("cmnd/f2-e4fd45f654be0/access-control-mode/J1/strike-1")]
    [InlineData("cmnd/f2-e4fd45f654be/Access-Control-Mode/J1/strike-1")]
    [InlineData("cmnd/f2-e4fd45f654be/access-control-mode/J0/strike-1")]
    [InlineData("cmnd/f2-e4fd45f654be/access-control-mode/J11/strike-1")]
    [InlineData("cmnd/f2-e4fd45f654be/access-control-mode/J1/strike-100")]
    [InlineData("cmnd/f2-e4fd45f654be/access-control-mode/J1/strike-")]
    [InlineData("cmnd/f2-e4fd45f654be/access-control-mode/J1/strike")]
    [InlineData("cmnd/f2-e4fd45f654be/access-control-mode/J1/strike-1a")]
    [InlineData("cmnd/f2-e4fd45f654be/access-control-mode/J1/strike-+1")]
    [InlineData("cmnd/f2-e4fd45f654be/access-control-mode/J1/strike-\u0661")]
    [InlineData("cmnd/f2-e4fd45f654be/access-control-mode/J1/strike-1 ")]
    [InlineData("cmnd/f2-e4fd45f654be/access-control-mode/J1/door-sensors-1")]
    [InlineData("cmnd/f2-e4fd45f654be/access-control-mode/J1/motion-sensor")]
    [InlineData("cmnd/f2-e4fd45f654be/access-control-mode/J1/reader-01")]
    [InlineData("cmnd/f2-e4fd45f654be/access-control-mode/J1/+")]
    [InlineData("cmnd/f2-e4fd45f654be/access-control-mode/J1/#")]
    public void TopicsThatBreakTheGrammarAreInvalid(string topic)
    {
        Assert.False(DeviceTopic.TryParse(topic, out _));
    }

    [Fact]
    public void NullTopicIsInvalidRatherThanAnError()
    {
        Assert.False(DeviceTopic.TryParse(null!, out _));
    }

    [Theory]
    [InlineData("f2-e4fd45f654be", "access-control-mode", "J1", "strike", 1, "cmnd/f2-e4fd45f654be/access-control-mode/J1/strike-1")]
    [InlineData("f2-e4fd45f654be", "access-control-mode", "J2", "door-sensors", 0, "cmnd/f2-e4fd45f654be/access-control-mode/J2/door-sensors")]
    [InlineData("f2-001122334455", "sensor-mode", "J4", "RS485-sensor", 42, "cmnd/f2-001122334455/sensor-mode/J4/sensor-42")]
    [InlineData("f2-001122334455", "access-control-mode", "J3", "qr-nfc-reader", 7, "cmnd/f2-001122334455/access-control-mode/J3/reader-7")]
    public void FormatBuildsTheTopicADevicePublishesTo(
        string deviceId, string mode, string connector, string componentType, int number, string expected)
    {
        string topic = DeviceTopic.Format(deviceId, mode, connector, componentType, number);

        Assert.Equal(expected, topic);
        Assert.True(DeviceTopic.TryParse(topic, out DeviceTopic parsed));
        Assert.Equal((deviceId, mode, connector, componentType, number), (parsed.DeviceId, parsed.ConnectorMode, parsed.Connector, parsed.ComponentType, parsed.Number));
    }

    [Theory]
    [InlineData("f2-e4fd45f654be", "access-control-mode", "J1", "relay", 1)]
    [InlineData("f2-e4fd45f654be", "access-control-mode", "J1", "strike", 0)]
    [InlineData("f2-e4fd45f654be", "access-control-mode", "J1", "strike", 100)]
    [InlineData("f2-e4fd45f654b", "access-control-mode", "J1", "strike", 1)]
    [InlineData("f2-e4fd45f654be", "door-mode", "J1", "strike", 1)]
    [InlineData("f2-e4fd45f654be", "alarm-mode", "J5", "siren", 1)]
    public void FormatRefusesPartsThatMakeNoValidTopic(string deviceId, string mode, string connector, string componentType, int number)
    {
        Assert.ThrowsAny<ArgumentException>(() => DeviceTopic.Format(deviceId, mode, connector, componentType, number));
    }
}

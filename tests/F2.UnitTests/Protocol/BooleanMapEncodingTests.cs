using F2.Protocol;

namespace F2.Tests.Protocol;

public class BooleanMapEncodingTests
{
    private static readonly ParameterSet DoorSensors =
        Given.Parameters("access-control-mode", "door-sensors", "N/A", EncodingType.BooleanMap);

    [Fact]
    public void MapGivesOneRowPerPinInAscendingPinOrder()
    {
        var (result, rows) = Given.Decode(
            Given.DoorSensorsTopic,
            Given.Payload("\"door-sensor-10\": true, \"door-sensor-2\": \"false\", \"door-sensor-1\": 1"),
            DoorSensors);

        Assert.True(result.IsSuccess);
        Assert.Equal([1, 2, 10], rows.Select(row => row.PinPosition));
        Assert.Equal([1.0, 0.0, 1.0], rows.Select(row => row.Value!.Value));
        Assert.All(rows, row => Assert.Equal(("door-sensors", "N/A", "J2"), (row.ComponentType, row.ComponentId, row.Connector)));
    }

    [Fact]
    public void PinsOneToNinetyNineAreAllRead()
    {
        string members = string.Join(", ", Enumerable.Range(1, 99).Select(pin => $"\"door-sensor-{pin}\": {pin % 2}"));

        var (result, rows) = Given.Decode(Given.DoorSensorsTopic, Given.Payload(members), DoorSensors);

        Assert.True(result.IsSuccess);
        Assert.Equal(Enumerable.Range(1, 99), rows.Select(row => row.PinPosition));
    }

    [Theory]
    [InlineData("\"door-sensor-1\": true, \"door-sensor-1\": false")]
    [InlineData("\"door-sensor-1\": true, \"exit-button-1\": false")]
    [InlineData("\"door-sensor-1\": true, \"door-sensor-2\": 2")]
    [InlineData("\"door-sensor-1\": true, \"door-sensor-2\": null")]
    [InlineData("\"door-sensor-1\": true, \"door-sensor-2\": {\"state\": true}")]
    [InlineData("\"door-sensor-1\": true, \"door\\ud800-2\": true")]
    public void OneBadOrRepeatedPinRejectsTheWholeMessage(string members)
    {
        var (result, _) = Given.Decode(Given.DoorSensorsTopic, Given.Payload(members), DoorSensors);

        Assert.Equal(RejectReason.ValueInvalid, result.Reason);
    }

    [Theory]
    [InlineData("\"door-sensor-01\": true")]
    [InlineData("\"door-sensor-0\": true")]
    [InlineData("\"door-sensor-100\": true")]
    [InlineData("\"-1\": true")]
    [InlineData("\"door-sensor-\": true")]
    [InlineData("\"doorsensor1\": true")]
    [InlineData("\"status\": true, \"rssi\": -61")]
    public void KeysThatAreNotNameDashPinAreIgnored(string members)
    {
        var (withOnlyThose, _) = Given.Decode(Given.DoorSensorsTopic, Given.Payload(members), DoorSensors);
        var (withAPin, rows) = Given.Decode(Given.DoorSensorsTopic, Given.Payload(members + ", \"door-sensor-3\": true"), DoorSensors);

        Assert.Equal(RejectReason.FieldMissing, withOnlyThose.Reason);
        Assert.True(withAPin.IsSuccess);
        Assert.Equal(3, Assert.Single(rows).PinPosition);
    }

    [Fact]
    public void EscapedPinKeysAreUnescapedBeforeMatching()
    {
        string longName = string.Concat(Enumerable.Repeat("\\u0061", 100));
        string members = $"\"door-sensor\\u002d4\": true, \"{longName}-5\": false";

        var (result, rows) = Given.Decode(Given.DoorSensorsTopic, Given.Payload(members), DoorSensors);

        Assert.True(result.IsSuccess);
        Assert.Equal([4, 5], rows.Select(row => row.PinPosition));
    }

    [Fact]
    public void NestedValuesOfOtherKeysAreSkippedWhole()
    {
        string members = "\"meta\": {\"door-sensor-1\": \"not a pin\", \"x\": [1, {\"y\": []}]}, \"door-sensor-2\": false";

        var (result, rows) = Given.Decode(Given.DoorSensorsTopic, Given.Payload(members), DoorSensors);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, Assert.Single(rows).PinPosition);
    }
}

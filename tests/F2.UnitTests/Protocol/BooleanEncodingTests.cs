using F2.Protocol;

namespace F2.Tests.Protocol;

public class BooleanEncodingTests
{
    private static readonly ParameterSet Strike = Given.Parameters("access-control-mode", "strike", "1", EncodingType.Boolean);

    [Theory]
    [InlineData("true", 1)]
    [InlineData("false", 0)]
    [InlineData("1", 1)]
    [InlineData("0", 0)]
    [InlineData("1.0", 1)]
    [InlineData("-0", 0)]
    [InlineData("1e0", 1)]
    [InlineData("\"true\"", 1)]
    [InlineData("\"TRUE\"", 1)]
    [InlineData("\"tRuE\"", 1)]
    [InlineData("\"False\"", 0)]
    [InlineData("\"f\\u0061lse\"", 0)]
    public void BooleanAcceptsLiteralsTheNumbersZeroAndOneAndWordsInAnyCase(string statusJson, double expected)
    {
        var (result, rows) = Given.Decode(Given.StrikeTopic, Given.Payload($"\"status\": {statusJson}"), Strike);

        Assert.True(result.IsSuccess, result.Reason?.ToWireName());
        Assert.Equal(expected, Assert.Single(rows).Value);
        Assert.Null(rows[0].ValueText);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("-1")]
    [InlineData("0.5")]
    [InlineData("1e400")]
    [InlineData("null")]
    [InlineData("\"1\"")]
    [InlineData("\"yes\"")]
    [InlineData("\" true\"")]
    [InlineData("\"truee\"")]
    [InlineData("\"\"")]
    [InlineData("[true]")]
    [InlineData("{\"on\": true}")]
    public void BooleanRejectsAnythingElseAsValueInvalid(string statusJson)
    {
        var (result, _) = Given.Decode(Given.StrikeTopic, Given.Payload($"\"status\": {statusJson}"), Strike);

        Assert.Equal(RejectReason.ValueInvalid, result.Reason);
    }

    [Fact]
    public void OneRowEncodingOnAComponentWithoutANumberUsesPinOne()
    {
        ParameterSet parameters = Given.Parameters("access-control-mode", "door-sensors", "N/A", EncodingType.Boolean);

        var (result, rows) = Given.Decode(Given.DoorSensorsTopic, Given.Payload("\"status\": true"), parameters);

        Assert.True(result.IsSuccess);
        Assert.Equal(1, Assert.Single(rows).PinPosition);
        Assert.Equal("N/A", rows[0].ComponentId);
    }

    [Fact]
    public void NumberedComponentUsesItsNumberAsThePin()
    {
        ParameterSet parameters = Given.Parameters("alarm-mode", "siren", "*", EncodingType.Boolean);

        var (result, rows) = Given.Decode("cmnd/f2-e4fd45f654be/alarm-mode/J2/siren-42", Given.Payload("\"status\": 0"), parameters);

        Assert.True(result.IsSuccess);
        Assert.Equal(42, Assert.Single(rows).PinPosition);
        Assert.Equal("42", rows[0].ComponentId);
    }

    [Fact]
    public void RepeatedFieldTakesItsLastValue()
    {
        var (result, rows) = Given.Decode(Given.StrikeTopic, Given.Payload("\"status\": \"nonsense\", \"status\": true"), Strike);

        Assert.True(result.IsSuccess);
        Assert.Equal(1, Assert.Single(rows).Value);
    }

    [Fact]
    public void EscapedFieldNamesAreRecognised()
    {
        var (result, rows) = Given.Decode(Given.StrikeTopic, """{"time\u0073tamp": "2023-05-26 18:34:04.928538", "st\u0061tus": false}""", Strike);

        Assert.True(result.IsSuccess);
        Assert.Equal(0, Assert.Single(rows).Value);
    }
}

using F2.Protocol;

namespace F2.Tests.Protocol;

public class HexEncodingTests
{
    [Theory]
    [InlineData("00FA", 250)]
    [InlineData("00fa", 250)]
    [InlineData("0x00FA", 250)]
    [InlineData("0X00fa", 250)]
    [InlineData("00 FA", 250)]
    [InlineData("0x00 FA", 250)]
    [InlineData("01 02 03", 66051)]
    [InlineData("0102 03", 66051)]
    [InlineData("FF", 255)]
    [InlineData("FFFFFFFFFFFFFFFF", 18446744073709551615.0)]
    [InlineData("\\u0030\\u0030FA", 250)]
    public void HexIsABigEndianUnsignedIntegerWithOptionalPrefixAndSpaces(string data, double expected)
    {
        var (result, rows) = Given.DecodeSensorData($"\"{data}\"", Given.Sensor(EncodingType.HexToFloat));

        Assert.True(result.IsSuccess, result.Reason?.ToWireName());
        Assert.Equal(expected, Assert.Single(rows).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("0FA")]
    [InlineData("0 0FA")]
    [InlineData("00  FA")]
    [InlineData(" 00FA")]
    [InlineData("00FA ")]
    [InlineData("0x 00FA")]
    [InlineData("00\\tFA")]
    [InlineData("00-FA")]
    [InlineData("00GA")]
    [InlineData("0x0x00")]
    [InlineData("x00FA")]
    [InlineData("000000000000000001")]
    [InlineData("00 00 00 00 00 00 00 00 01")]
    [InlineData("\\u0661\\u0662")]
    public void MalformedHexIsValueInvalid(string data)
    {
        var (result, _) = Given.DecodeSensorData($"\"{data}\"", Given.Sensor(EncodingType.HexToFloat));

        Assert.Equal(RejectReason.ValueInvalid, result.Reason);
    }

    [Theory]
    [InlineData("FF", -1)]
    [InlineData("80", -128)]
    [InlineData("7F", 127)]
    [InlineData("FF38", -200)]
    [InlineData("00FF", 255)]
    [InlineData("800000", -8388608)]
    [InlineData("FFFFFFFF", -1)]
    [InlineData("7FFFFFFF", 2147483647)]
    [InlineData("FFFFFFFFFFFFFFFF", -1)]
    [InlineData("8000000000000000", -9223372036854775808.0)]
    public void SignedHexIsTwosComplementOfItsByteWidth(string data, double expected)
    {
        var (result, rows) = Given.DecodeSensorData($"\"{data}\"", Given.Sensor(EncodingType.HexToFloat, isSigned: true));

        Assert.True(result.IsSuccess);
        Assert.Equal(expected, Assert.Single(rows).Value);
    }

    [Fact]
    public void ScalingAppliesBeforeTheOffset()
    {
        var (result, rows) = Given.DecodeSensorData("\"0064\"", Given.Sensor(EncodingType.HexToFloat, scalingFactor: 0.5, valueOffset: -10));

        Assert.True(result.IsSuccess);
        Assert.Equal(40, Assert.Single(rows).Value);
    }

    [Theory]
    [InlineData(double.MaxValue, 0.0)]
    [InlineData(double.NaN, 0.0)]
    [InlineData(1.0, double.PositiveInfinity)]
    public void ResultThatIsNotAFiniteNumberIsValueInvalid(double scalingFactor, double valueOffset)
    {
        ParameterSet parameters = Given.Sensor(EncodingType.HexToFloat, scalingFactor, valueOffset);

        var (result, _) = Given.DecodeSensorData("\"FFFF\"", parameters);

        Assert.Equal(RejectReason.ValueInvalid, result.Reason);
    }

    [Theory]
    [InlineData("250")]
    [InlineData("null")]
    [InlineData("[\"00FA\"]")]
    public void HexThatIsNotAStringIsValueInvalid(string dataJson)
    {
        var (result, _) = Given.DecodeSensorData(dataJson, Given.Sensor(EncodingType.HexToFloat));

        Assert.Equal(RejectReason.ValueInvalid, result.Reason);
    }
}

using F2.Protocol;

namespace F2.Tests.Protocol;

public class Float32EncodingTests
{
    [Theory]
    [InlineData("3F800000", 1.0)]
    [InlineData("447A0000", 1000.0)]
    [InlineData("44 7A 00 00", 1000.0)]
    [InlineData("0x447a0000", 1000.0)]
    [InlineData("C0490FDB", -3.1415927410125732)]
    [InlineData("00000001", 1.401298464324817E-45)]
    [InlineData("80000000", 0.0)]
    public void Float32IsABigEndianSingle(string data, double expected)
    {
        var (result, rows) = Given.DecodeSensorData($"\"{data}\"", Given.Sensor(EncodingType.Ieee754Float32));

        Assert.True(result.IsSuccess, result.Reason?.ToWireName());
        Assert.Equal(expected, Assert.Single(rows).Value);
    }

    [Theory]
    [InlineData("7FC00000")]
    [InlineData("FFC00001")]
    [InlineData("7F800000")]
    [InlineData("FF800000")]
    [InlineData("447A00")]
    [InlineData("447A000000")]
    [InlineData("00000000447A0000")]
    public void Float32ThatIsNaNInfiniteOrNotExactlyFourBytesIsValueInvalid(string data)
    {
        var (result, _) = Given.DecodeSensorData($"\"{data}\"", Given.Sensor(EncodingType.Ieee754Float32));

        Assert.Equal(RejectReason.ValueInvalid, result.Reason);
    }

    [Fact]
    public void Float32IsScaledThenOffset()
    {
        ParameterSet parameters = Given.Sensor(EncodingType.Ieee754Float32, scalingFactor: 0.1, valueOffset: 3);

        var (result, rows) = Given.DecodeSensorData("\"447A0000\"", parameters);

        Assert.True(result.IsSuccess);
        Assert.Equal(103.0, Assert.Single(rows).Value!.Value, 9);
    }

    [Fact]
    public void Float32IgnoresIsSigned()
    {
        var (result, rows) = Given.DecodeSensorData("\"BF800000\"", Given.Sensor(EncodingType.Ieee754Float32, isSigned: true));

        Assert.True(result.IsSuccess);
        Assert.Equal(-1.0, Assert.Single(rows).Value);
    }
}

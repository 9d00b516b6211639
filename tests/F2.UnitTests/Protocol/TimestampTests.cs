using System.Globalization;
using System.Text;
using F2.Protocol;

namespace F2.Tests.Protocol;

public class TimestampTests
{
    [Theory]
    [InlineData("2023-05-26 18:34:04", "2023-05-26T18:34:04.000000Z")]
    [InlineData("2023-05-26T18:34:04", "2023-05-26T18:34:04.000000Z")]
    [InlineData("2023-05-26 18:34:04.1", "2023-05-26T18:34:04.100000Z")]
    [InlineData("2023-05-26 18:34:04.000001", "2023-05-26T18:34:04.000001Z")]
    [InlineData("2023-05-26 18:34:04.0000009", "2023-05-26T18:34:04.000000Z")]
    [InlineData("2023-05-26 18:34:04.999999999", "2023-05-26T18:34:04.999999Z")]
    [InlineData("2023-05-26 18:34:04Z", "2023-05-26T18:34:04.000000Z")]
    [InlineData("2023-05-26 20:34:04.5+02:00", "2023-05-26T18:34:04.500000Z")]
    [InlineData("2023-05-26 13:04:04-05:30", "2023-05-26T18:34:04.000000Z")]
    [InlineData("2023-05-26 18:34:04-00:00", "2023-05-26T18:34:04.000000Z")]
    [InlineData("2023-05-27 01:34:04+07:00", "2023-05-26T18:34:04.000000Z")]
    [InlineData("2024-02-29 00:00:00", "2024-02-29T00:00:00.000000Z")]
    [InlineData("0001-01-01 00:00:00", "0001-01-01T00:00:00.000000Z")]
    [InlineData("9999-12-31 23:59:59.999999999", "9999-12-31T23:59:59.999999Z")]
    public void EveryFormOfTheSpecGivesTheUtcInstantToTheMicrosecond(string text, string expected)
    {
        Assert.True(DeviceTimestamp.TryParse(Encoding.UTF8.GetBytes(text), out DateTime utc));

        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(expected, utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2023-02-29 10:00:00")]
    [InlineData("2023-04-31 10:00:00")]
    [InlineData("2023-13-01 10:00:00")]
    [InlineData("2023-00-10 10:00:00")]
    [InlineData("2023-05-00 10:00:00")]
    [InlineData("0000-01-01 00:00:00")]
    [InlineData("2023-05-26 24:00:00")]
    [InlineData("2023-05-26 23:60:00")]
    [InlineData("2023-05-26 23:59:60")]
    [InlineData("0001-01-01 00:00:00+01:00")]
    [InlineData("9999-12-31 23:59:59-01:00")]
    [InlineData("2023-05-26 18:34:04+24:00")]
    [InlineData("2023-05-26 18:34:04+02:60")]
    public void TimesThatAreNotRealInstantsAreInvalid(string text)
    {
        Assert.False(DeviceTimestamp.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2023-05-26")]
    [InlineData("2023-05-26 18:34")]
    [InlineData("2023-5-26 18:34:04")]
    [InlineData("2023/05/26 18:34:04")]
    [InlineData("2023-05-26t18:34:04")]
    [InlineData("2023-05-26_18:34:04")]
    [InlineData("2023-05-26  18:34:04")]
    [InlineData(" 2023-05-26 18:34:04")]
    [InlineData("2023-05-26 18:34:04 ")]
    [InlineData("2023-05-26 18:34:04.")]
    [InlineData("2023-05-26 18:34:04.1234567890")]
    [InlineData("2023-05-26 18:34:04,5")]
    [InlineData("2023-05-26 18:34:04z")]
    [InlineData("2023-05-26 18:34:04ZZ")]
    [InlineData("2023-05-26 18:34:04+0200")]
    [InlineData("2023-05-26 18:34:04+02")]
    [InlineData("2023-05-26 18:34:04 +02:00")]
    [InlineData("2023-05-26 18:34:04Z+02:00")]
    [InlineData("+2023-05-26 18:34:04")]
    [InlineData("2023-05-26 18:34:0\u0664")]
    public void TextThatBreaksTheFormatIsInvalid(string text)
    {
        Assert.False(DeviceTimestamp.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void FormatWritesTheDeviceFormWithSixFractionDigits()
    {
        var time = new DateTime(2023, 5, 26, 18, 34, 4, DateTimeKind.Utc).AddTicks(9_285_389);

        Assert.Equal("2023-05-26 18:34:04.928538", DeviceTimestamp.Format(time));
    }

    [Fact]
    public void FormattedTimestampsParseBackToTheSameMicrosecond()
    {
        DateTime time = Given.SeedTime;

        Assert.True(DeviceTimestamp.TryParse(Encoding.UTF8.GetBytes(DeviceTimestamp.Format(time)), out DateTime parsed));
        Assert.Equal(time, parsed);
    }

    [Fact]
    public void TimestampWrittenWithJsonEscapesIsUnescapedBeforeParsing()
    {
        ParameterSet parameters = Given.Parameters("access-control-mode", "strike", "1", EncodingType.Boolean);
        string payload = """{"timestamp": "\u0032023-05-26\u002018:34:04.928538", "status": true}""";

        var (result, rows) = Given.Decode(Given.StrikeTopic, payload, parameters);

        Assert.True(result.IsSuccess);
        Assert.Equal(Given.SeedTime, rows[0].Time);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("1685126044")]
    [InlineData("[\"2023-05-26 18:34:04\"]")]
    [InlineData("{\"at\": \"2023-05-26 18:34:04\"}")]
    [InlineData("\"2023-05-26 18:34:04\\ud800\"")]
    public void TimestampThatIsNotAStringOfTextIsInvalid(string timestampJson)
    {
        ParameterSet parameters = Given.Parameters("access-control-mode", "strike", "1", EncodingType.Boolean);

        var (result, _) = Given.Decode(Given.StrikeTopic, $"{{\"timestamp\": {timestampJson}, \"status\": true}}", parameters);

        Assert.Equal(RejectReason.TimestampInvalid, result.Reason);
    }
}

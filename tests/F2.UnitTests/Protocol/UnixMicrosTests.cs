using System.Text;
using F2.Protocol;

namespace F2.Tests.Protocol;

public class UnixMicrosTests
{
    [Fact]
    public void FormatGivesMicrosecondsSinceTheEpochAsDecimalDigits()
    {
        Assert.Equal("1685126044928538", Encoding.UTF8.GetString(UnixMicros.Format(Given.SeedTime)));
        Assert.Equal("0", Encoding.UTF8.GetString(UnixMicros.Format(DateTime.UnixEpoch)));
    }

    [Fact]
    public void FormatTruncatesToTheMicrosecond()
    {
        Assert.Equal("1685126044928538", Encoding.UTF8.GetString(UnixMicros.Format(Given.SeedTime.AddTicks(9))));
    }

    [Theory]
    [InlineData("1685126044928538")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("253402300799999999")]
    public void HeaderValuesRoundTrip(string text)
    {
        Assert.True(UnixMicros.TryParse(Encoding.UTF8.GetBytes(text), out DateTime utc));

        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(text, Encoding.UTF8.GetString(UnixMicros.Format(utc)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1.5")]
    [InlineData("1e6")]
    [InlineData("12a")]
    [InlineData("--1")]
    [InlineData("253402300800000000")]
    [InlineData("-62135596800000001")]
    [InlineData("99999999999999999999")]
    public void HeaderValuesThatAreNotATimeAreRefused(string text)
    {
        Assert.False(UnixMicros.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }
}

using System.Text;
using Confluent.Kafka;
using F2.Integrations.Kafka;

namespace F2.Tests.Integrations;

public sealed class KafkaHeaderExtensionsTests
{
    [Fact]
    public void TheLastHeaderOfANameWins()
    {
        var headers = new Headers { { "h", Encoding.UTF8.GetBytes("first") }, { "other", [1] }, { "h", Encoding.UTF8.GetBytes("second") } };

        Assert.True(headers.TryGetString("h", out string value));
        Assert.Equal("second", value);
    }

    [Fact]
    public void AMissingHeaderIsReportedAsMissing()
    {
        Assert.False(new Headers { { "h", [1] } }.TryGetString("absent", out _));
        Assert.False(((Headers?)null).TryGetString("h", out _));
    }

    [Fact]
    public void SettingAHeaderReplacesEveryEarlierValue()
    {
        var headers = new Headers { { "h", [1] }, { "h", [2] } };

        headers.SetString("h", "ä-value");

        IHeader header = Assert.Single(headers);
        Assert.Equal("ä-value", Encoding.UTF8.GetString(header.GetValueBytes()));
    }
}

using F2.Sink;
using F2.Tests.EndToEnd;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace F2.Tests.Sink;

/// <summary>The sink's consumer group is a validated setting, <c>Sink:ConsumerGroup</c>, with the group it always had.</summary>
public sealed class SinkOptionsTests
{
    [Fact]
    public async Task TheSinkRefusesToStartWithAnEmptyConsumerGroup()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:telemetrydb"] = "Host=127.0.0.1;Port=1;Database=telemetrydb;Username=f2;Password=f2",
            ["ConnectionStrings:kafka"] = "127.0.0.1:1",
            ["Sink:ConsumerGroup"] = "",
        };

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ServiceHost.StartAsync(settings, builder => builder.AddSink()));

        Assert.Contains("ConsumerGroup", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultConsumerGroupIsTheOneTheSinkAlwaysUsed()
        => Assert.Equal("f2-sink", new SinkOptions().ConsumerGroup);
}

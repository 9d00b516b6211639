using F2.Tests.Decoder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace F2.Tests.EndToEnd;

/// <summary>A service that cannot do its job with its configuration refuses to start and says which setting is wrong.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task IngestRefusesToStartWithoutAValidMqttConnectionString()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:mqtt"] = "http://broker:1883",
            ["ConnectionStrings:kafka"] = "127.0.0.1:1",
        };

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ServiceHost.StartAsync(settings, builder => builder.AddIngest()));

        Assert.Contains("ConnectionStrings:mqtt", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDecoderRefusesToStartWithAnOutOfRangeSetting()
    {
        var settings = DecoderFixture.Settings("127.0.0.1:1");
        settings["Decoder:MaxInFlight"] = "0";

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => DecoderFixture.StartAsync(settings, new FixedParameterSource()));

        Assert.Contains("MaxInFlight", failure.Message, StringComparison.Ordinal);
    }
}

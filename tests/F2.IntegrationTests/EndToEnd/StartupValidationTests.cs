using F2.Integrations.Privacy;
using F2.Tests.Decoder;
using F2.Tests.Infrastructure;
using F2.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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

    [Fact]
    public async Task TheDecoderRefusesToStartWithoutAReaderKeyAndSaysWhichSettingAndWhy()
    {
        var settings = DecoderFixture.Settings("127.0.0.1:1");
        settings.Remove(TestReaderKey.Setting.Key);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => DecoderFixture.StartAsync(settings, new FixedParameterSource()));

        Assert.Contains("Privacy:ReaderKey is empty", failure.Message, StringComparison.Ordinal);
        Assert.Contains("reader-hmac-key", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDecoderRefusesAReaderKeyShorterThan32BytesWithoutShowingIt()
    {
        var settings = DecoderFixture.Settings("127.0.0.1:1");
        string shortKey = Convert.ToBase64String(new byte[16]);
        settings[TestReaderKey.Setting.Key] = shortKey;

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => DecoderFixture.StartAsync(settings, new FixedParameterSource()));

        Assert.Contains("Privacy:ReaderKey has 16 bytes", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(shortKey, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Plain", LogLevel.Warning, "Privacy:ReaderData is Plain")]
    [InlineData("Hmac", LogLevel.Information, "Reader texts are stored as keyed hashes")]
    public async Task TheDecoderSaysAtStartHowItStoresReaderTexts(string readerData, LogLevel level, string message)
    {
        var settings = DecoderFixture.Settings("127.0.0.1:1");
        settings["Privacy:ReaderData"] = readerData;
        var logs = new CapturingLoggerProvider();

        await using (await ServiceHost.StartAsync(settings, builder => builder.AddDecoder(), services =>
        {
            services.RemoveAll<IHostedService>();
            services.AddHostedService<ReaderPrivacyAnnouncement>();
            services.AddSingleton<ILoggerProvider>(logs);
        }))
        {
            Assert.Contains(logs.Entries, entry => entry.StartsWith($"{level} ", StringComparison.Ordinal) && entry.Contains(message, StringComparison.Ordinal));
        }
    }
}

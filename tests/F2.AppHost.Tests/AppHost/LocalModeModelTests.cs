using Aspire.Hosting.ApplicationModel;
using F2.DevKafka;

namespace F2.Tests.AppHost;

/// <summary>
/// Given local mode, the app model as built (never started): what the services are told about the development Kafka
/// stand-in. The running local mode is covered by <see cref="LocalModeTests"/>.
/// </summary>
public sealed class LocalModeModelTests : IAsyncLifetime
{
    private BuiltAppModel _app = null!;

    public async Task InitializeAsync() => _app = await BuiltAppModel.BuildAsync("Local");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("ingest")]
    [InlineData("decoder")]
    [InlineData("sink")]
    [InlineData("doors")]
    public async Task KafkaClientsOfTheStandInWaitTenMillisecondsOnAnEmptyFetch(string service)
    {
        var configuration = await BuiltAppModel.PublishedConfigurationAsync(_app.Resource<ProjectResource>(service));

        Assert.Equal("00:00:00.010", configuration.EnvironmentVariables.ToDictionary()["Kafka__ConsumerFetchWait"]);
    }

    [Theory]
    [InlineData("decoder")]
    [InlineData("sink")]
    [InlineData("doors")]
    public async Task ConsumersOfTheStandInGetItsShortSessionTimeout(string service)
    {
        var configuration = await BuiltAppModel.PublishedConfigurationAsync(_app.Resource<ProjectResource>(service));

        Assert.Equal(MockKafkaCluster.ClientSessionTimeout, configuration.EnvironmentVariables.ToDictionary()["Kafka__ConsumerSessionTimeout"]);
    }

    [Fact]
    public async Task TheDecoderGetsTheGeneratedReaderKeySecretAndItIsAKeyTheDecoderAccepts()
    {
        var key = _app.Resource<ParameterResource>("reader-hmac-key");
        var configuration = await BuiltAppModel.PublishedConfigurationAsync(_app.Resource<ProjectResource>("decoder"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        Assert.True(key.Secret);
        Assert.True(F2.Protocol.Privacy.ReaderKey.TryParse(await key.GetValueAsync(timeout.Token), out _, out string? problem), $"the generated key {problem}");
        Assert.Equal("{reader-hmac-key.value}", configuration.EnvironmentVariables.ToDictionary()["Privacy__ReaderKey"]);
    }
}

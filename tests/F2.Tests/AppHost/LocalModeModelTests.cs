using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace F2.Tests.AppHost;

/// <summary>
/// Given local mode, the app model as built (never started): what the services are told about the development Kafka
/// stand-in. The running local mode is covered by <see cref="LocalModeTests"/>.
/// </summary>
public sealed class LocalModeModelTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly TestStateFolder _state = new();
    private DistributedApplication _app = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.F2_AppHost>(
            AppHostArgs.For("Local", _state.Path), timeout.Token);
        _app = await builder.BuildAsync(timeout.Token).WaitAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync().AsTask().WaitAsync(Timeout);
        _state.Dispose();
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("decoder")]
    [InlineData("sink")]
    public async Task KafkaClientsOfTheStandInWaitTenMillisecondsOnAnEmptyFetch(string service)
    {
        var model = _app.Services.GetRequiredService<DistributedApplicationModel>();
        var project = model.Resources.OfType<ProjectResource>().Single(resource => resource.Name == service);

        using var timeout = new CancellationTokenSource(Timeout);
        var configuration = await ExecutionConfigurationBuilder.Create(project)
            .WithEnvironmentVariablesConfig()
            .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), NullLogger.Instance, timeout.Token)
            .WaitAsync(timeout.Token);

        Assert.Equal("00:00:00.010", configuration.EnvironmentVariables.ToDictionary()["Kafka__ConsumerFetchWait"]);
    }
}

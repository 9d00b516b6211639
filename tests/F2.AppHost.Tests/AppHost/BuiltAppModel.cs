using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace F2.Tests.AppHost;

/// <summary>The AppHost's model in one mode, built through DistributedApplicationTestingBuilder and never started.</summary>
internal sealed class BuiltAppModel : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly TestStateFolder _state;
    private readonly DistributedApplication _app;

    private BuiltAppModel(TestStateFolder state, DistributedApplication app)
    {
        _state = state;
        _app = app;
    }

    public string StateFolder => _state.Path;

    public IServiceProvider Services => _app.Services;

    public DistributedApplicationModel Model => _app.Services.GetRequiredService<DistributedApplicationModel>();

    public static async Task<BuiltAppModel> BuildAsync(string mode, params string[] extra)
    {
        var state = new TestStateFolder();
        using var timeout = new CancellationTokenSource(Timeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.F2_AppHost>(AppHostArgs.For(mode, state.Path, extra), timeout.Token);
        return new BuiltAppModel(state, await builder.BuildAsync(timeout.Token).WaitAsync(timeout.Token));
    }

    public T Resource<T>(string name) where T : IResource => Assert.IsType<T>(Model.Resources.Single(resource => resource.Name == name), exactMatch: false);

    /// <summary>Arguments and environment as the manifest would state them (references as expressions, no values).</summary>
    public static async Task<IExecutionConfigurationResult> PublishedConfigurationAsync(IResource resource)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await ExecutionConfigurationBuilder.Create(resource)
            .WithArgumentsConfig()
            .WithEnvironmentVariablesConfig()
            .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), NullLogger.Instance, timeout.Token)
            .WaitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().AsTask().WaitAsync(Timeout);
        _state.Dispose();
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace F2.Tests.EndToEnd;

/// <summary>
/// Runs one F2 service in-process, as its Program.cs would but with only the given settings (no appsettings, no
/// environment variables), so that several services in one test each keep their own configuration.
/// </summary>
internal sealed class ServiceHost : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly IHost _host;
    private bool _stopped;

    private ServiceHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static async Task<ServiceHost> StartAsync(
        IReadOnlyDictionary<string, string?> settings,
        Action<HostApplicationBuilder> addService,
        Action<IServiceCollection>? overrideServices = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(settings);
        if (Environment.GetEnvironmentVariable("F2_TEST_LOGS") is { Length: > 0 } level)
        {
            // For diagnosing a failing test: F2_TEST_LOGS=Debug dotnet test ...
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(Enum.Parse<LogLevel>(level));
        }

        addService(builder);
        overrideServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync().WaitAsync(Timeout);
        return new ServiceHost(host);
    }

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Stops the service as SIGTERM would.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync().WaitAsync(Timeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}

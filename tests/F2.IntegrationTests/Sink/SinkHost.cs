using F2.Sink;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace F2.Tests.Sink;

/// <summary>F2.Sink's services in a host inside the test process (what Program.cs runs, without the web endpoints).</summary>
internal sealed class SinkHost : IAsyncDisposable
{
    private readonly IHost _host;

    private SinkHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public SinkHealth Health => _host.Services.GetRequiredService<SinkHealth>();

    public CancellationToken Stopping => _host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

    /// <summary>Starts the Sink; <paramref name="logs"/>, when given, receives its log entries; <paramref name="overrides"/> replace or add settings.</summary>
    public static async Task<SinkHost> StartAsync(
        string bootstrapServers,
        string telemetryConnectionString,
        int batchSize = 50,
        ILoggerProvider? logs = null,
        IReadOnlyDictionary<string, string?>? overrides = null)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = bootstrapServers,
            ["ConnectionStrings:telemetrydb"] = telemetryConnectionString,
            ["Sink:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sink:Linger"] = "00:00:00.050",
            ["Sink:RetryMaxDelay"] = "00:00:00.500",
            ["Kafka:ConsumerSessionTimeout"] = "00:00:06",
        });
        builder.Configuration.AddInMemoryCollection(overrides ?? new Dictionary<string, string?>());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.AddSink();
        IHost host = builder.Build();
        await host.StartAsync().WaitAsync(TelemetryDatabase.Timeout);
        return new SinkHost(host);
    }

    /// <summary>Stops the services as SIGTERM would; disposing afterwards is harmless.</summary>
    public Task StopAsync() => _host.StopAsync().WaitAsync(TelemetryDatabase.Timeout);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}

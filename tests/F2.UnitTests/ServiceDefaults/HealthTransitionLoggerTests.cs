using F2.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace F2.Tests.ServiceDefaults;

public sealed class HealthTransitionLoggerTests
{
    private readonly RecordingLogger<HealthTransitionLogger> _logger = new();

    [Fact]
    public async Task SteadyHealthLogsNothing()
    {
        await PublishAsync(Healthy(), Healthy(), Healthy());

        Assert.Empty(_logger.Entries);
    }

    [Fact]
    public async Task WarmingUpIsInformationOnceAndThenHealthy()
    {
        await PublishAsync(Report(("decoder", HealthStatus.Unhealthy, "Waiting for the device parameters to load.")), Healthy(), Healthy());

        Assert.Equal(
            [(LogLevel.Information, "Not healthy yet while starting (Unhealthy): decoder Unhealthy: Waiting for the device parameters to load."),
             (LogLevel.Information, "Healthy")],
            LevelsAndMessages());
    }

    [Fact]
    public async Task AStartThatNeverBecomesHealthyWarnsOnceAtTheSecondReport()
    {
        var waiting = Report(("kafka", HealthStatus.Unhealthy, "No Kafka broker answered."));

        await PublishAsync(waiting, waiting, waiting, waiting);

        Assert.Equal(
            [(LogLevel.Information, "Not healthy yet while starting (Unhealthy): kafka Unhealthy: No Kafka broker answered."),
             (LogLevel.Warning, "Still not healthy since start (Unhealthy): kafka Unhealthy: No Kafka broker answered.")],
            LevelsAndMessages());
    }

    [Fact]
    public async Task AnOutageAfterBeingHealthyWarnsOnceWithTheFailingCheckAndRecoveryIsLogged()
    {
        var outage = Report(("self", HealthStatus.Healthy, null), ("kafka", HealthStatus.Unhealthy, "No Kafka broker answered."));

        await PublishAsync(Healthy(), outage, outage, outage, Healthy());

        Assert.Equal(
            [(LogLevel.Warning, "Health is Unhealthy: kafka Unhealthy: No Kafka broker answered."),
             (LogLevel.Information, "Healthy")],
            LevelsAndMessages());
    }

    [Fact]
    public async Task AChangeInWhatFailsIsLoggedAgain()
    {
        await PublishAsync(
            Healthy(),
            Report(("decoder", HealthStatus.Degraded, "Kafka is not acknowledging output.")),
            Report(("decoder", HealthStatus.Degraded, "Kafka is not acknowledging output."), ("kafka", HealthStatus.Unhealthy, "No broker.")));

        Assert.Equal(
            [(LogLevel.Warning, "Health is Degraded: decoder Degraded: Kafka is not acknowledging output."),
             (LogLevel.Warning, "Health is Unhealthy: decoder Degraded: Kafka is not acknowledging output.; kafka Unhealthy: No broker.")],
            LevelsAndMessages());
    }

    [Fact]
    public async Task AnExceptionThrownByACheckIsLoggedWithTheWarning()
    {
        var bug = new InvalidOperationException("check failed");
        var report = new HealthReport(
            new Dictionary<string, HealthReportEntry> { ["sink"] = new(HealthStatus.Unhealthy, bug.Message, TimeSpan.Zero, bug, null) },
            TimeSpan.Zero);

        await PublishAsync(Healthy(), report);

        Assert.Same(bug, Assert.Single(_logger.Entries).Exception);
    }

    [Fact]
    public void ServiceDefaultsPublishHealthChangesAndSwitchOffPerProbeResultLines()
    {
        using var host = BuildHost();

        Assert.Contains(host.Services.GetServices<IHealthCheckPublisher>(), publisher => publisher is HealthTransitionLogger);
        Assert.False(PerProbeLogger(host).IsEnabled(LogLevel.Critical));
    }

    [Fact]
    public void ConfigurationCanTurnPerProbeResultLinesBackOn()
    {
        using var host = BuildHost(("Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", "Warning"));

        Assert.True(PerProbeLogger(host).IsEnabled(LogLevel.Warning));
    }

    private async Task PublishAsync(params HealthReport[] reports)
    {
        var publisher = new HealthTransitionLogger(_logger);
        foreach (var report in reports)
        {
            await publisher.PublishAsync(report, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        }
    }

    private List<(LogLevel, string)> LevelsAndMessages() => [.. _logger.Entries.Select(entry => (entry.Level, entry.Message))];

    private static HealthReport Healthy() => Report(("self", HealthStatus.Healthy, null));

    private static HealthReport Report(params (string Name, HealthStatus Status, string? Description)[] entries) => new(
        entries.ToDictionary(e => e.Name, e => new HealthReportEntry(e.Status, e.Description, TimeSpan.Zero, null, null)),
        TimeSpan.Zero);

    private static IHost BuildHost(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddProvider(new RecordingLoggerProvider());
        builder.AddDefaultHealthChecks();
        return builder.Build();
    }

    private static ILogger PerProbeLogger(IHost host) => host.Services.GetRequiredService<ILoggerFactory>()
        .CreateLogger("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService");
}

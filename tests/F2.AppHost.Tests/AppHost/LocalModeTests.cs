using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace F2.Tests.AppHost;

/// <summary>
/// Given the AppHost in local mode (machine's Mosquitto and PostgreSQL, development Kafka stand-in, no containers),
/// the user sees every resource healthy, simulator traffic in telemetrydb, and no error in the services' logs.
/// </summary>
[Collection(LocalAppCollection.Name)]
public sealed partial class LocalModeTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    private static readonly string[] Services = ["ingest", "decoder", "sink", "doors", "simulator", "devkafka"];

    [Fact]
    public async Task EveryResourceBecomesHealthyOrRunning()
    {
        using var timeout = new CancellationTokenSource(LocalAppFixture.StartTimeout);
        var notifications = fixture.App.ResourceNotifications;
        var resources = fixture.Model.Resources.Where(resource => resource is not ParameterResource).ToList();

        Assert.DoesNotContain(resources, resource => resource is ContainerResource);
        Assert.Superset(
            new HashSet<string>(["mosquitto", "mqtt", "postgres", "devicedb", "telemetrydb", "devkafka", "kafka", .. Services]),
            resources.Select(resource => resource.Name).ToHashSet());

        foreach (var resource in resources)
        {
            try
            {
                await notifications.WaitForResourceAsync(resource.Name, update => update.Snapshot.IsHidden || IsUp(update.Snapshot), timeout.Token)
                    .WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                Assert.Fail($"{resource.Name} is not up after {LocalAppFixture.StartTimeout}:\n{await fixture.DescribeResourcesAsync()}");
            }
        }
    }

    [Fact]
    public async Task SimulatorTrafficAppearsAsRowsInIotMeasurements()
    {
        var rows = await fixture.MeasurementsAsync();

        Assert.True(rows > 0);
    }

    [Fact]
    public async Task F2ServicesLogNoErrorWhileTrafficFlows()
    {
        await fixture.MeasurementsAsync();
        var resourceLogs = fixture.App.Services.GetRequiredService<ResourceLoggerService>();
        var errors = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        foreach (var service in fixture.Model.Resources.Where(resource => Services.Contains(resource.Name)))
        {
            var lines = new List<LogLine>();
            await foreach (var batch in resourceLogs.GetAllAsync(service).WithCancellation(timeout.Token))
            {
                lines.AddRange(batch);
            }

            // The console logger writes the message on the line after "fail: Category[id]".
            errors.AddRange(lines.Select((line, index) => (line, index)).Where(entry => IsErrorLine(entry.line)).Select(entry =>
                $"{service.Name}: {Plain(entry.line)} | {(entry.index + 1 < lines.Count ? Plain(lines[entry.index + 1]) : "")}"));
        }

        Assert.True(errors.Count == 0, $"{errors.Count} error lines:\n{string.Join('\n', errors.Take(20))}");
    }

    private static bool IsUp(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text == KnownResourceStates.Running
        && (snapshot.HealthReports.IsDefaultOrEmpty || snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy);

    /// <summary>Standard error, or the console logger's <c>fail:</c>/<c>crit:</c> prefix (colours removed).</summary>
    private static bool IsErrorLine(LogLine line) => line.IsErrorMessage || ErrorLevelPrefix().IsMatch(Plain(line));

    private static string Plain(LogLine line) => AnsiEscape().Replace(line.Content, "");

    [GeneratedRegex(@"^(\S+\s+)?(fail|crit):\s")]
    private static partial Regex ErrorLevelPrefix();

    [GeneratedRegex(@"\x1B\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}

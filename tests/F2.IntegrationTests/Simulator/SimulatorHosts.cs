using F2.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace F2.Tests.Simulator;

/// <summary>Builds and runs the simulator's host as its Program.cs does (without the web defaults).</summary>
internal static class SimulatorHosts
{
    public static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    public static IHost Build(Dictionary<string, string?> settings)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSimulator();
        return builder.Build();
    }

    /// <summary>
    /// Runs the simulator until it stops the host; returns its exit code (from its own outcome, not the process-wide
    /// <see cref="Environment.ExitCode"/>, which other hosts in this test process set too) and its totals.
    /// </summary>
    public static async Task<(int ExitCode, long Published, long Failures)> RunAsync(Dictionary<string, string?> settings)
    {
        using IHost host = Build(settings);
        var telemetry = host.Services.GetRequiredService<SimulatorTelemetry>();
        try
        {
            await host.RunAsync().WaitAsync(RunTimeout);
            return (telemetry.RunFailed ? 1 : 0, telemetry.Published, telemetry.Failures);
        }
        finally
        {
            // A failed run set the process-wide exit code too; the test process must not exit with it.
            Environment.ExitCode = 0;
        }
    }
}

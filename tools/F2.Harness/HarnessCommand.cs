using F2.Harness.Report;
using F2.Harness.Scenarios;
using Microsoft.Extensions.Logging;

namespace F2.Harness;

/// <summary>
/// <c>reliability [--quick] [--report PATH] ...</c>: runs the suite, prints the table, writes the report.
/// Exit code 0 when every scenario passed, 1 when any lost, duplicated or failed, 2 for a bad command line.
/// <c>benchmark ...</c>: see <see cref="Benchmark.BenchmarkCommand"/>.
/// </summary>
public static class HarnessCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "benchmark")
        {
            return await Benchmark.BenchmarkCommand.RunAsync(args).ConfigureAwait(false);
        }

        if (args.Length == 0 || args[0] != "reliability")
        {
            await Console.Error.WriteLineAsync("Usage: F2.Harness reliability [--quick] [--report PATH] [--only NAME,NAME] [--rate N] [--duration SECONDS] [--overload-rate N] [--logs DIR]").ConfigureAwait(false);
            await Console.Error.WriteLineAsync("       F2.Harness " + Benchmark.BenchmarkOptions.Usage).ConfigureAwait(false);
            return 2;
        }

        SuiteOptions options;
        try
        {
            options = SuiteOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }

        using ILoggerFactory loggerFactory = CreateLoggerFactory();
        ILogger logger = loggerFactory.CreateLogger("F2.Harness");
        using CancellationTokenSource stop = CancelOnCtrlC();

        SuiteRun run = await ReliabilitySuite.RunAsync(options, logger, stop.Token).ConfigureAwait(false);
        string report = ReliabilityReport.Write(run);
        Console.WriteLine(report);
        if (options.ReportPath is { } path)
        {
            await File.WriteAllTextAsync(path, report, stop.Token).ConfigureAwait(false);
            Log.ReportWritten(logger, Path.GetFullPath(path));
        }

        foreach (ScenarioResult failed in run.Results.Where(result => !result.Passed))
        {
            await Console.Error.WriteLineAsync($"FAILED {failed.Scenario.Name}: service logs in {failed.LogDirectory}").ConfigureAwait(false);
        }

        return run.Passed ? 0 : 1;
    }

    /// <summary>Single-line console logging at Information, as every harness command logs.</summary>
    internal static ILoggerFactory CreateLoggerFactory() => LoggerFactory.Create(logging => logging
        .AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss "; })
        .SetMinimumLevel(LogLevel.Information));

    /// <summary>A token that Ctrl+C cancels (instead of ending the process), so that the run can clean up.</summary>
    internal static CancellationTokenSource CancelOnCtrlC()
    {
        var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        return stop;
    }
}

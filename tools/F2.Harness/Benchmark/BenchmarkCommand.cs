using F2.Harness.Pipeline;
using Microsoft.Extensions.Logging;

namespace F2.Harness.Benchmark;

/// <summary>
/// <c>benchmark [options]</c>: runs <see cref="BenchmarkSuite"/> against the Release builds, prints the tables, and
/// writes them into <c>docs/PERFORMANCE.md</c> (unless <c>--no-docs</c> or <c>--quick</c>). Exit code 0 when it ran,
/// 1 when it could not, 2 for a bad command line. Whether targets are met is in the table, not in the exit code.
/// </summary>
public static class BenchmarkCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }

        using ILoggerFactory loggerFactory = HarnessCommand.CreateLoggerFactory();
        ILogger logger = loggerFactory.CreateLogger("F2.Harness.Benchmark");
        using CancellationTokenSource stop = HarnessCommand.CancelOnCtrlC();

        ServiceBinaries binaries = ServiceBinaries.LocateFor(typeof(BenchmarkCommand).Assembly);
        if (binaries.Configuration != "Release")
        {
            await Console.Error.WriteLineAsync($"Warning: the services are the {binaries.Configuration} build; figures mean something only for Release (dotnet run -c Release --project tools/F2.Harness -- benchmark).").ConfigureAwait(false);
        }

        if (options.Phases.Contains(BenchmarkOptions.DoorsPhase))
        {
            string doors = await new DoorsBenchmark(options, binaries, logger).RunAsync(stop.Token).ConfigureAwait(false);
            Console.WriteLine("## Door stage (F2.Doors as a process), door-heavy traffic");
            Console.WriteLine(doors);
            if (options.Phases.Count == 1)
            {
                return 0;
            }
        }

        BenchmarkResult result = await new BenchmarkSuite(options, binaries, logger).RunAsync(stop.Token).ConfigureAwait(false);
        string table = BenchmarkReport.Write(result);
        Console.WriteLine(table);
        if (options.ReportPath is { } report)
        {
            await File.WriteAllTextAsync(report, table, stop.Token).ConfigureAwait(false);
        }

        if (options.DocsPath is { } docs)
        {
            string path = Path.IsPathRooted(docs) ? docs : Path.Combine(binaries.RepositoryRoot, docs);
            BenchmarkReport.WriteInto(path, table);
            Log.BenchmarkDocsWritten(logger, path);
        }

        Console.WriteLine($"Service logs: {options.LogDirectory}");
        return 0;
    }
}

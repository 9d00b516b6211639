using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace F2.AppHost.Local;

/// <summary>Runs a set-up tool (initdb, chown) to completion, its output going to the resource's log.</summary>
internal static class ProcessRunner
{
    public static async Task RunAsync(string program, IReadOnlyList<string> args, ILogger logger, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)
            ?? throw new DistributedApplicationException($"Could not start {program}.");
        var tool = Path.GetFileName(args.Contains("--") ? args[args.ToList().IndexOf("--") + 1] : program);
        var output = CopyAsync(process.StandardOutput, tool, logger, cancellationToken);
        var errors = CopyAsync(process.StandardError, tool, logger, cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await Task.WhenAll(output, errors);
        if (process.ExitCode != 0)
        {
            throw new DistributedApplicationException($"{tool} exited with code {process.ExitCode}; its output is in this resource's log.");
        }
    }

    private static async Task CopyAsync(StreamReader reader, string tool, ILogger logger, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            Log.ToolOutput(logger, tool, line);
        }
    }
}

using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace F2.AppHost.Operations;

/// <summary>
/// Runs one verb of the Decoder's command line (<c>params load</c>, <c>deadletters summary</c>, <c>deadletters replay</c>)
/// as the Decoder's own built program (<c>dotnet run --no-build</c> of its project), with the decoder resource's
/// environment (its connection strings, reader key and telemetry settings), so a dashboard command runs exactly the code
/// the operator's shell command runs. Returns its exit code and everything it printed.
/// </summary>
internal static class DecoderCommand
{
    /// <summary>The configuration this AppHost was built with, which is the one its project resources were built with.</summary>
    private static readonly string Configuration =
        typeof(DecoderCommand).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static async Task<(int ExitCode, string Output)> RunAsync(
        ProjectResource decoder, IReadOnlyList<string> verb, IServiceProvider services, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet", ["run", "--project", decoder.GetProjectMetadata().ProjectPath, "--no-build", "--no-launch-profile",
            "--configuration", Configuration, "--", .. verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var configuration = await ExecutionConfigurationBuilder.Create(decoder)
            .WithEnvironmentVariablesConfig()
            .BuildAsync(services.GetRequiredService<DistributedApplicationExecutionContext>(), NullLogger.Instance, cancellationToken);
        foreach (var variable in configuration.EnvironmentVariables)
        {
            start.Environment[variable.Key] = variable.Value;
        }

        using var process = Process.Start(start) ?? throw new DistributedApplicationException("Could not start the Decoder's command line.");
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, (await output + await errors).Trim());
    }
}

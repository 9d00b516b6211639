using System.Diagnostics;

namespace F2.AppHost.Infrastructure;

/// <summary>Asks the container runtime Aspire would use (<c>ASPIRE_CONTAINER_RUNTIME</c>, default docker) whether it works.</summary>
internal static class ContainerRuntimeProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static bool IsAvailable(string runtime)
    {
        var path = ExecutableSearch.Find(runtime);
        if (path is null)
        {
            return false;
        }

        var start = new ProcessStartInfo(path, ["info"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start);
        if (process is null)
        {
            return false;
        }

        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            return false;
        }

        return process.ExitCode == 0;
    }
}

using System.Diagnostics;
using System.Globalization;

namespace F2.Harness;

/// <summary>What the report says about where it ran.</summary>
public sealed record MachineFacts(string Cpu, int Cores, string Commit, string Runtime)
{
    public static MachineFacts Read(string repositoryRoot) => new(
        CpuModel(), Environment.ProcessorCount, ReadCommit(repositoryRoot), System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);

    /// <summary>The 1-minute load average from <c>/proc/loadavg</c> (0 where there is none).</summary>
    public static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo")
                .FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string ReadCommit(string repositoryRoot)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", repositoryRoot, "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using Process git = Process.Start(start)!;
            string commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit(5000);
            return git.ExitCode == 0 && commit.Length > 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (no git)";
        }
    }
}

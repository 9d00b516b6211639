using System.Globalization;

namespace F2.Harness.Pipeline;

/// <summary>
/// One reading of a process from <c>/proc</c>: resident memory now (<c>VmRSS</c>), its peak (<c>VmHWM</c>) and CPU
/// time spent (user + system, from <c>/proc/&lt;pid&gt;/stat</c>).
/// </summary>
public readonly record struct ProcessSample(long ResidentBytes, long PeakResidentBytes, double CpuSeconds)
{
    /// <summary>Linux reports stat times in USER_HZ, which is 100 on every architecture .NET runs on.</summary>
    private const double ClockTicksPerSecond = 100;

    /// <summary>Reads the process's figures; null when it has exited.</summary>
    public static ProcessSample? TryRead(int processId)
    {
        try
        {
            string status = File.ReadAllText($"/proc/{processId}/status");
            string stat = File.ReadAllText($"/proc/{processId}/stat");
            return new ProcessSample(KiloBytes(status, "VmRSS:") * 1024, KiloBytes(status, "VmHWM:") * 1024, TotalCpuSeconds(stat));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static long KiloBytes(string status, string field)
    {
        int start = status.IndexOf(field, StringComparison.Ordinal);
        if (start < 0)
        {
            return 0; // a zombie has no memory lines
        }

        int end = status.IndexOf('\n', start);
        string value = status[(start + field.Length)..(end < 0 ? status.Length : end)].Trim();
        return long.Parse(value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
    }

    /// <summary>utime and stime are fields 14 and 15; the command name (field 2) may hold spaces, so count after ')'.</summary>
    private static double TotalCpuSeconds(string stat)
    {
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / ClockTicksPerSecond;
    }
}

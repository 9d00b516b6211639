namespace F2.Tests.AppHost;

/// <summary>Reads /proc: whether a process lives (zombies count as gone), and which ones mention a folder.</summary>
internal static class ProcessTable
{
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Live processes whose command line names <paramref name="folder"/> (a server's data or config path).</summary>
    public static IEnumerable<int> Mentioning(string folder) =>
        Directory.EnumerateDirectories("/proc")
            .Select(path => int.TryParse(Path.GetFileName(path), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId && CommandLine(pid).Contains(folder, StringComparison.Ordinal) && IsAlive(pid));

    /// <summary>Polls until none of the processes lives and none mentions the folder; returns what is left after the grace period.</summary>
    public static async Task<IReadOnlyList<string>> WaitUntilGoneAsync(IEnumerable<int> pids, string folder, TimeSpan grace)
    {
        var deadline = DateTime.UtcNow + grace;
        while (true)
        {
            var left = pids.Where(IsAlive).Concat(Mentioning(folder)).Distinct()
                .Select(pid => $"{pid}: {CommandLine(pid)}").ToList();
            if (left.Count == 0 || DateTime.UtcNow > deadline)
            {
                return left;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }
}

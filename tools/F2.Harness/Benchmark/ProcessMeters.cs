using System.Globalization;
using F2.Harness.Pipeline;

namespace F2.Harness.Benchmark;

/// <summary>
/// CPU seconds and peak memory of every process of a benchmark run, sampled from <c>/proc</c>: the services
/// (across restarts), the simulator runs (summed), Mosquitto, the PostgreSQL server (all its processes) and the
/// harness itself (which runs the bare subscriber and the COPY ceiling).
/// </summary>
public sealed class ProcessMeters
{
    private readonly List<Meter> _meters = [];
    private readonly Lock _gate = new();

    /// <summary>Names in the order they were added.</summary>
    public IEnumerable<string> Names => _meters.Select(meter => meter.Name);

    public void Add(string name, Func<(double CpuSeconds, long ResidentBytes)?> read)
    {
        lock (_gate)
        {
            _meters.Add(new Meter(name, read));
        }
    }

    /// <summary>A harness-started process: its figures survive restarts and its exit.</summary>
    public void AddService(string name, Func<IEnumerable<ServiceProcess>> services)
        => Add(name, () =>
        {
            ServiceProcess[] started = [.. services().Where(service => service.Starts > 0)];
            foreach (ServiceProcess service in started)
            {
                service.Sample();
            }

            return started.Length == 0 ? null : (started.Sum(service => service.CpuSeconds), started.Max(service => service.PeakResidentBytes));
        });

    /// <summary>A process whose figures come straight from <c>/proc/&lt;pid&gt;</c>.</summary>
    public void AddProcess(string name, int processId)
        => Add(name, () => ProcessSample.TryRead(processId) is { } sample ? (sample.CpuSeconds, Math.Max(sample.ResidentBytes, sample.PeakResidentBytes)) : null);

    /// <summary>
    /// PostgreSQL: the postmaster's own CPU, the CPU of the children it has reaped (<c>cutime</c>, <c>cstime</c>: the
    /// backends of closed connections) and that of its live children; memory as the sum of their proportional set sizes
    /// (<c>Pss</c>), which counts the shared buffers once.
    /// </summary>
    public void AddProcessTree(string name, int rootProcessId) => Add(name, () => ProcessTree.Read(rootProcessId));

    /// <summary>Reads every process now; peaks are kept.</summary>
    public void Sample()
    {
        lock (_gate)
        {
            foreach (Meter meter in _meters)
            {
                if (TryRead(meter) is { } reading)
                {
                    meter.CpuSeconds = reading.CpuSeconds;
                    meter.PeakBytes = Math.Max(meter.PeakBytes, reading.ResidentBytes);
                }
            }
        }
    }

    /// <summary>CPU seconds of every process so far (as of the last sample).</summary>
    public Dictionary<string, double> Cpu()
    {
        lock (_gate)
        {
            return _meters.ToDictionary(meter => meter.Name, meter => meter.CpuSeconds);
        }
    }

    public Dictionary<string, long> PeakBytes()
    {
        lock (_gate)
        {
            return _meters.ToDictionary(meter => meter.Name, meter => meter.PeakBytes);
        }
    }

    /// <summary>Samples every second until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Sample();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    /// <summary>Null when the process is gone (its last figures stay).</summary>
    private static (double CpuSeconds, long ResidentBytes)? TryRead(Meter meter)
    {
        try
        {
            return meter.Read();
        }
        catch (InvalidOperationException)
        {
            return null; // a disposed service process
        }
    }

    private sealed class Meter(string name, Func<(double CpuSeconds, long ResidentBytes)?> read)
    {
        public string Name { get; } = name;

        public Func<(double CpuSeconds, long ResidentBytes)?> Read { get; } = read;

        public double CpuSeconds { get; set; }

        public long PeakBytes { get; set; }
    }
}

/// <summary>Reads a process and its direct children from <c>/proc</c>.</summary>
internal static class ProcessTree
{
    private const double ClockTicksPerSecond = 100;

    public static (double CpuSeconds, long ResidentBytes)? Read(int rootProcessId)
    {
        if (Stat(rootProcessId) is not { } root)
        {
            return null;
        }

        double cpu = (root.Utime + root.Stime + root.Cutime + root.Cstime) / ClockTicksPerSecond;
        long memory = ProportionalBytes(rootProcessId);
        foreach (int child in ChildrenOf(rootProcessId))
        {
            if (Stat(child) is { } stat)
            {
                cpu += (stat.Utime + stat.Stime) / ClockTicksPerSecond;
                memory += ProportionalBytes(child);
            }
        }

        return (cpu, memory);
    }

    /// <summary>The processes whose parent is <paramref name="parentProcessId"/> and whose name is <paramref name="name"/> (any when null).</summary>
    public static IEnumerable<int> ChildrenOf(int parentProcessId, string? name = null)
    {
        foreach (string folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out int processId)
                && Stat(processId) is { } stat && stat.ParentProcessId == parentProcessId && (name is null || stat.Name == name))
            {
                yield return processId;
            }
        }
    }

    public static int? ParentOf(int processId) => Stat(processId)?.ParentProcessId;

    private static StatFields? Stat(int processId)
    {
        try
        {
            string text = File.ReadAllText($"/proc/{processId}/stat");
            int open = text.IndexOf('(', StringComparison.Ordinal);
            int close = text.LastIndexOf(')');
            string[] fields = text[(close + 2)..].Split(' ');
            return new StatFields(
                text[(open + 1)..close],
                int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[11], CultureInfo.InvariantCulture),
                long.Parse(fields[12], CultureInfo.InvariantCulture),
                long.Parse(fields[13], CultureInfo.InvariantCulture),
                long.Parse(fields[14], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static long ProportionalBytes(int processId)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{processId}/smaps_rollup"))
            {
                if (line.StartsWith("Pss:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // gone, or not readable: count nothing
        }

        return 0;
    }

    private sealed record StatFields(string Name, int ParentProcessId, long Utime, long Stime, long Cutime, long Cstime);
}

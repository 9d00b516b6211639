using System.Globalization;

namespace F2.Harness.Benchmark;

/// <summary>The whole machine's CPU time, from <c>/proc/stat</c>, to tell what the measured processes did not use.</summary>
public static class MachineCpu
{
    private const double TicksPerSecond = 100; // USER_HZ

    /// <summary>CPU seconds spent busy (user, nice, system, irq, softirq, steal) on all cores since boot.</summary>
    public static double BusySeconds()
    {
        string[] fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
        return (Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8)) / TicksPerSecond;
    }
}

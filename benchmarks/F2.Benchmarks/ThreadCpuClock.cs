using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace F2.Benchmarks;

/// <summary>
/// The CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>). On a shared machine a benchmark measured
/// with it counts only the time this thread ran, not the time it waited for a core; with the in-process toolchain the
/// benchmark runs on the measuring thread.
/// </summary>
internal sealed partial class ThreadCpuClock : IClock
{
    private const int ClockThreadCpuTimeId = 3;

    public string Title => "Thread CPU time";

    public bool IsAvailable => OperatingSystem.IsLinux();

    public Frequency Frequency => Frequency.GHz;

    public long GetTimestamp()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out TimeSpec time) != 0)
        {
            throw new InvalidOperationException($"clock_gettime failed: {Marshal.GetLastPInvokeError()}");
        }

        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using F2.Harness.Pipeline;

namespace F2.Harness.Benchmark;

/// <summary>What one simulator run published, by its own account (PUBACKs from the broker).</summary>
/// <param name="Published">Messages the broker acknowledged.</param>
/// <param name="Seconds">How long it published, from its first message to its stop.</param>
/// <param name="StoppedAt">When it was told to stop (UTC); its messages carry device times in [StoppedAt - Seconds, StoppedAt].</param>
/// <param name="Timeline">Messages published so far, once a second.</param>
public sealed record SimulatorResult(long Published, double Seconds, DateTime StoppedAt, IReadOnlyList<(DateTime At, long Published)> Timeline)
{
    public double Rate => Seconds > 0 ? Published / Seconds : 0;

    public DateTime StartedAt => StoppedAt - TimeSpan.FromSeconds(Seconds);
}

/// <summary>
/// Runs F2.Simulator (the Release build next to the services) as a process, as it is: its options only. It reports its
/// progress every second in its log, which this reads; it is stopped with SIGTERM after the run's duration.
/// </summary>
public static partial class SimulatorRun
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A simulator process for <paramref name="rate"/> messages/s (0 = as fast as the broker takes them).</summary>
    public static ServiceProcess Create(
        string name, ServiceBinaries binaries, string mqtt, int devices, double rate, string logDirectory,
        IReadOnlyDictionary<string, string>? more, Microsoft.Extensions.Logging.ILogger logger)
    {
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__mqtt"] = mqtt,
            ["Simulator__Devices"] = devices.ToString(CultureInfo.InvariantCulture),
            ["Simulator__Rate"] = rate.ToString(CultureInfo.InvariantCulture),
            ["Simulator__ReportInterval"] = "00:00:01",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        foreach ((string key, string value) in more ?? new Dictionary<string, string>())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new ServiceProcess(name, ServiceKind.Simulator, binaries.PathOf(ServiceKind.Simulator), BenchmarkPorts.Free(),
            environment, Path.Combine(logDirectory, name + ".log"), logger);
    }

    /// <summary>
    /// Starts the simulator, lets it publish for <paramref name="duration"/>, stops it and reads its account.
    /// <paramref name="everySecond"/> gets the count published so far, once a second.
    /// </summary>
    public static async Task<SimulatorResult> RunAsync(
        ServiceProcess simulator, TimeSpan duration, Action<long>? everySecond, CancellationToken cancellationToken)
    {
        var timeline = new List<(DateTime, long)>();
        simulator.Start();
        DateTime end = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < end && simulator.IsRunning)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            if (LastProgress(ThisRun(simulator.Tail(5))) is long published)
            {
                timeline.Add((DateTime.UtcNow, published));
                everySecond?.Invoke(published);
            }
        }

        DateTime stoppedAt = DateTime.UtcNow;
        await simulator.StopAsync(StopTimeout).ConfigureAwait(false);
        return ReadResult(simulator, stoppedAt, timeline);
    }

    /// <summary>Runs the simulator until it exits on its own (e.g. after <c>Simulator:MessageCount</c>).</summary>
    public static async Task WaitForExitAsync(ServiceProcess simulator, TimeSpan timeout, CancellationToken cancellationToken)
    {
        simulator.Start();
        DateTime end = DateTime.UtcNow + timeout;
        while (simulator.IsRunning)
        {
            if (DateTime.UtcNow > end)
            {
                throw new TimeoutException($"{simulator.Name} did not finish within {timeout}; see {simulator.LogPath}:{Environment.NewLine}{simulator.Tail()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }

        if (!RunCompleted().IsMatch(ThisRun(simulator.Tail(40))))
        {
            throw new InvalidOperationException($"{simulator.Name} failed; see {simulator.LogPath}:{Environment.NewLine}{simulator.Tail()}");
        }
    }

    private static SimulatorResult ReadResult(ServiceProcess simulator, DateTime stoppedAt, List<(DateTime, long)> timeline)
    {
        string tail = ThisRun(simulator.Tail(40));
        Match complete = RunCompleted().Match(tail);
        if (!complete.Success)
        {
            throw new InvalidOperationException($"{simulator.Name} ended without its summary line; see {simulator.LogPath}:{Environment.NewLine}{tail}");
        }

        return new SimulatorResult(
            long.Parse(complete.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(complete.Groups[2].Value, CultureInfo.InvariantCulture),
            stoppedAt,
            timeline);
    }

    /// <summary>
    /// The part of a log tail written since the process's latest start: a log folder used again (same <c>--logs</c>)
    /// holds earlier runs' lines, whose summary must not be read as this run's.
    /// </summary>
    private static string ThisRun(string tail)
    {
        int start = tail.LastIndexOf("---- harness: start", StringComparison.Ordinal);
        return start < 0 ? tail : tail[start..];
    }

    private static long? LastProgress(string tail)
    {
        MatchCollection matches = Progress().Matches(tail);
        return matches.Count == 0 ? null : long.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Progress: (\d+) messages published")]
    private static partial Regex Progress();

    [GeneratedRegex(@"Run complete: (\d+) messages published in ([\d.]+) s")]
    private static partial Regex RunCompleted();
}

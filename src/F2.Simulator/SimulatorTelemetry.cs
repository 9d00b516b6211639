using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace F2.Simulator;

/// <summary>
/// The simulator's meter <c>f2.simulator</c> (counters <c>f2.simulator.messages.published</c> and
/// <c>f2.simulator.publish.failures</c>) and activity source <c>F2.Simulator</c>, plus running totals for the logs.
/// </summary>
internal sealed class SimulatorTelemetry
{
    public const string MeterName = "f2.simulator";
    public const string ActivitySourceName = "F2.Simulator";

    private readonly Counter<long> _published;
    private readonly Counter<long> _failures;
    private long _publishedTotal;
    private long _failuresTotal;

    public SimulatorTelemetry(IMeterFactory meterFactory)
    {
        Meter meter = meterFactory.Create(MeterName);
        _published = meter.CreateCounter<long>("f2.simulator.messages.published", "{message}", "Messages the broker accepted.");
        _failures = meter.CreateCounter<long>("f2.simulator.publish.failures", "{message}", "Publishes that failed (not retried).");
    }

    public static ActivitySource ActivitySource { get; } = new(ActivitySourceName);

    public long Published => Interlocked.Read(ref _publishedTotal);

    public long Failures => Interlocked.Read(ref _failuresTotal);

    /// <summary>
    /// True once the run failed (the process then exits 1). Kept here as well as in the process-wide
    /// <see cref="Environment.ExitCode"/>, so that a host in a process shared with others can tell its own outcome.
    /// </summary>
    public bool RunFailed { get; private set; }

    public void MarkRunFailed()
    {
        RunFailed = true;
        Environment.ExitCode = 1;
    }

    public void RecordPublished(int count = 1)
    {
        if (count > 0)
        {
            Interlocked.Add(ref _publishedTotal, count);
            _published.Add(count);
        }
    }

    public void RecordFailure(string errorType)
    {
        Interlocked.Increment(ref _failuresTotal);
        _failures.Add(1, new KeyValuePair<string, object?>("error.type", errorType));
    }
}

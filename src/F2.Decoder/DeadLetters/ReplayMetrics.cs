using System.Diagnostics.Metrics;

namespace F2.Decoder.DeadLetters;

/// <summary>The <c>f2.deadletters.replay</c> meter: <c>f2.deadletters.replayed</c>, dead letters replayed by <c>outcome</c>.</summary>
internal sealed class ReplayMetrics
{
    public const string MeterName = "f2.deadletters.replay";

    private readonly Counter<long> _replayed;

    public ReplayMetrics(IMeterFactory meterFactory)
    {
        Meter meter = meterFactory.Create(MeterName);
        _replayed = meter.CreateCounter<long>("f2.deadletters.replayed", "{message}", "Dead letters replayed, by outcome (stored, rejected).");
    }

    public void Replayed(string outcome, int count) => _replayed.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
}

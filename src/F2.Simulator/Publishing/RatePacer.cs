namespace F2.Simulator.Publishing;

/// <summary>
/// Paces a producer to a target rate without busy-waiting: permits accrue with elapsed time and are handed out in
/// batches; with none due, the caller sleeps until the next one is. A stall is not made up by a burst beyond
/// <see cref="MaxCatchUp"/> of permits, so the rate after a broker hiccup stays the target rate.
/// A rate of 0 means unthrottled.
/// </summary>
internal sealed class RatePacer
{
    /// <summary>The most time a producer may fall behind and still catch up.</summary>
    public static readonly TimeSpan MaxCatchUp = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan MinSleep = TimeSpan.FromMilliseconds(1);

    private readonly double _rate;
    private readonly TimeProvider _clock;
    private readonly long _start;
    private readonly double _maxDebt;
    private double _granted;

    public RatePacer(double rate, TimeProvider clock)
    {
        _rate = rate;
        _clock = clock;
        _start = clock.GetTimestamp();
        _maxDebt = Math.Max(1.0, rate * MaxCatchUp.TotalSeconds);
    }

    /// <summary>Waits until at least one message is due, then grants up to <paramref name="max"/> of those due.</summary>
    public async ValueTask<int> WaitAsync(int max, CancellationToken cancellationToken)
    {
        if (_rate <= 0)
        {
            return max;
        }

        for (; ; )
        {
            cancellationToken.ThrowIfCancellationRequested();
            double available = TryTake(max);
            if (available >= 1)
            {
                return (int)available;
            }

            TimeSpan untilNext = TimeSpan.FromSeconds((1 - available) / _rate);
            await Task.Delay(untilNext > MinSleep ? untilNext : MinSleep, _clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes up to <paramref name="max"/> whole permits if any is due; else returns the fraction accrued.</summary>
    private double TryTake(int max)
    {
        double due = _clock.GetElapsedTime(_start).TotalSeconds * _rate;
        _granted = Math.Max(_granted, due - _maxDebt);
        double available = due - _granted;
        if (available < 1)
        {
            return available;
        }

        int take = (int)Math.Min(available, max);
        _granted += take;
        return take;
    }
}

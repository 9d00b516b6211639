namespace F2.Simulator.Publishing;

/// <summary>
/// Paces a producer to a target rate: permits accrue with elapsed time and are taken in batches; with none due, the
/// producer sleeps for <see cref="UntilNext"/>. A stall is not made up by a burst beyond <see cref="MaxCatchUp"/> of
/// permits, so the rate after a broker hiccup stays the target rate. A rate of 0 means unthrottled.
/// </summary>
internal sealed class RatePacer
{
    /// <summary>The most time a producer may fall behind and still catch up.</summary>
    public static readonly TimeSpan MaxCatchUp = TimeSpan.FromMilliseconds(50);

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

    /// <summary>How long until the next permit is due: zero when one is (or unthrottled).</summary>
    public TimeSpan UntilNext => _rate <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Max(0, 1 - Accrue()) / _rate);

    /// <summary>Takes up to <paramref name="max"/> of the permits due (all <paramref name="max"/> when unthrottled); 0 when none is.</summary>
    public int Take(int max)
    {
        if (_rate <= 0)
        {
            return max;
        }

        int take = (int)Math.Min(Math.Floor(Accrue()), max);
        _granted += take;
        return take;
    }

    /// <summary>The permits due and not yet taken, after forgiving any debt beyond <see cref="MaxCatchUp"/>.</summary>
    private double Accrue()
    {
        double due = _clock.GetElapsedTime(_start).TotalSeconds * _rate;
        _granted = Math.Max(_granted, due - _maxDebt);
        return due - _granted;
    }
}

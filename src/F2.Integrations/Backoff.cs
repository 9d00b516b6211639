namespace F2.Integrations;

/// <summary>Exponential retry delays: <c>first</c>, twice that, four times ... up to <c>max</c>.</summary>
public static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan first, TimeSpan max)
    {
        double milliseconds = first.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 20));
        return TimeSpan.FromMilliseconds(Math.Min(milliseconds, max.TotalMilliseconds));
    }

    /// <summary>As <see cref="Delay"/> from 100 ms, spread over 75-100 % so that many clients do not retry in step.</summary>
    public static TimeSpan DelayWithJitter(int attempt, TimeSpan max)
        => Delay(attempt, TimeSpan.FromMilliseconds(100), max) * (0.75 + (Random.Shared.NextDouble() / 4));
}

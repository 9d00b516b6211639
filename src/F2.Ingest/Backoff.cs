namespace F2.Ingest;

/// <summary>Exponential backoff with jitter: about 100 ms, 200 ms, 400 ms ... up to a maximum.</summary>
internal static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan max)
    {
        double milliseconds = 100 * Math.Pow(2, Math.Min(attempt - 1, 20));
        double capped = Math.Min(milliseconds, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.75 + (Random.Shared.NextDouble() / 4)));
    }
}

using F2.Ingest;

namespace F2.Tests.Ingest;

/// <summary>The highest value of Ingest's in-flight count (what the <c>f2.ingest.in_flight</c> gauge reports), sampled every millisecond until stopped.</summary>
internal sealed class InFlightPeak : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<int> _sampling;

    public InFlightPeak(IngestStatus status) => _sampling = SampleAsync(status, _stop.Token);

    /// <summary>Stops sampling and returns the peak.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _sampling;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private static async Task<int> SampleAsync(IngestStatus status, CancellationToken stop)
    {
        int peak = status.InFlight;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
        while (await timer.WaitForNextTickAsync(CancellationToken.None) && !stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, status.InFlight);
        }

        return peak;
    }
}

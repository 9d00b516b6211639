using Microsoft.Extensions.Options;

namespace F2.Ingest;

/// <summary>
/// The messages in Ingest's hands, across MQTT connections: a message enters when the intake takes it and leaves
/// when it is acknowledged or left to the broker's redelivery. At most <see cref="IngestOptions.MaxInFlight"/>, so a
/// reconnect during a Kafka outage adds no second window while the earlier connection's copies are still in hand
/// (the broker's receive maximum counts per connection only). Thread-safe.
/// </summary>
internal sealed class IngestWindow(IOptions<IngestOptions> options) : IDisposable
{
    private readonly int _capacity = options.Value.MaxInFlight;
    private readonly SemaphoreSlim _free = new(options.Value.MaxInFlight, options.Value.MaxInFlight);

    public int InHand => _capacity - _free.CurrentCount;

    /// <summary>Takes a place if one is free, without waiting.</summary>
    public bool TryEnter() => _free.Wait(0);

    /// <summary>Waits up to <paramref name="timeout"/> for a free place; false when none became free.</summary>
    public Task<bool> EnterAsync(TimeSpan timeout) => _free.WaitAsync(timeout);

    public void Leave() => _free.Release();

    public void Dispose() => _free.Dispose();
}

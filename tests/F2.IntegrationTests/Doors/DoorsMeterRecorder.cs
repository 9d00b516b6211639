using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace F2.Tests.Doors;

/// <summary>Records the counters of one host's <c>f2.doors</c> meter (other hosts in the process are ignored).</summary>
internal sealed class DoorsMeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, KeyValuePair<string, object?>[] Tags)> _counts = new();

    public DoorsMeterRecorder(IMeterFactory hostMeterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "f2.doors" && ReferenceEquals(instrument.Meter.Scope, hostMeterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _counts.Enqueue((instrument.Name, value, tags.ToArray())));
        _listener.Start();
    }

    /// <summary>The sum of a counter, over the measurements that carry <paramref name="tag"/> when given.</summary>
    public long Sum(string instrument, (string Key, string Value)? tag = null) => _counts
        .Where(m => m.Instrument == instrument && (tag is not { } t || m.Tags.Any(x => x.Key == t.Key && Equals(x.Value, t.Value))))
        .Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace F2.Tests.Sink;

/// <summary>Records the measurements of one host's <c>f2.sink</c> meter (other hosts in the process are ignored).</summary>
internal sealed class SinkMeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

    public SinkMeterRecorder(IMeterFactory hostMeterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "f2.sink" && ReferenceEquals(instrument.Meter.Scope, hostMeterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        _listener.Start();
    }

    public double Sum(string instrument) => _measurements.Where(m => m.Instrument == instrument).Sum(m => m.Value);

    /// <summary>The sum of <paramref name="instrument"/>'s measurements tagged <paramref name="tag"/> = <paramref name="value"/>.</summary>
    public double Sum(string instrument, string tag, string value)
        => _measurements.Where(m => m.Instrument == instrument && m.Tags.Any(t => t.Key == tag && Equals(t.Value, value))).Sum(m => m.Value);

    public int Count(string instrument) => _measurements.Count(m => m.Instrument == instrument);

    /// <summary>The latest value of an observable instrument per value of <paramref name="tag"/>.</summary>
    public Dictionary<string, double> Observe(string instrument, string tag)
    {
        _measurements.Clear();
        _listener.RecordObservableInstruments();
        return _measurements
            .Where(m => m.Instrument == instrument)
            .ToDictionary(m => m.Tags.Single(t => t.Key == tag).Value?.ToString() ?? "", m => m.Value);
    }

    public void Dispose() => _listener.Dispose();
}

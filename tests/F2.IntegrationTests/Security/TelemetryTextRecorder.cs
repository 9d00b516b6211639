using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace F2.Tests.Security;

/// <summary>
/// Keeps, as text, everything the process's spans and metrics carry while it lives: every span of every source
/// (name, status, tags, events with their tags, baggage) and every measurement's tags of every meter.
/// </summary>
internal sealed class TelemetryTextRecorder : IDisposable
{
    private readonly ActivityListener _spans;
    private readonly MeterListener _metrics = new();
    private readonly ConcurrentQueue<string> _spanTexts = new();
    private readonly ConcurrentQueue<string> _metricTags = new();

    public TelemetryTextRecorder()
    {
        _spans = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _spanTexts.Enqueue(Describe(activity)),
        };
        ActivitySource.AddActivityListener(_spans);
        _metrics.InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument);
        _metrics.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Record(instrument, tags));
        _metrics.SetMeasurementEventCallback<int>((instrument, _, tags, _) => Record(instrument, tags));
        _metrics.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Record(instrument, tags));
        _metrics.Start();
    }

    public IReadOnlyCollection<string> Spans => _spanTexts;

    /// <summary>Every measurement's tags so far, observable instruments included (they are read now).</summary>
    public IReadOnlyCollection<string> MetricTags
    {
        get
        {
            _metrics.RecordObservableInstruments();
            return _metricTags;
        }
    }

    public void Dispose()
    {
        _spans.Dispose();
        _metrics.Dispose();
    }

    private void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length > 0)
        {
            _metricTags.Enqueue($"{instrument.Meter.Name}/{instrument.Name} {string.Join(" ", tags.ToArray().Select(tag => $"{tag.Key}={tag.Value}"))}");
        }
    }

    private static string Describe(Activity activity) => string.Join(" ",
        [
            activity.Source.Name, activity.DisplayName, activity.OperationName, activity.StatusDescription ?? "",
            .. activity.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"),
            .. activity.Events.Select(e => $"{e.Name}: {string.Join(" ", e.Tags.Select(tag => $"{tag.Key}={tag.Value}"))}"),
            .. activity.Baggage.Select(item => $"{item.Key}={item.Value}"),
        ]);
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace F2.Tests.Integrations;

/// <summary>An <see cref="ActivitySource"/> of its own with a listener that samples and keeps every span it starts.</summary>
internal sealed class ActivityRecorder : IDisposable
{
    private readonly ActivityListener _listener;

    public ActivityRecorder()
    {
        Source = new ActivitySource("F2.Tests." + Guid.NewGuid().ToString("N"));
        _listener = new ActivityListener
        {
            ShouldListenTo = source => ReferenceEquals(source, Source),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ActivitySource Source { get; }

    public ConcurrentQueue<Activity> Stopped { get; } = new();

    public void Dispose()
    {
        _listener.Dispose();
        Source.Dispose();
    }
}

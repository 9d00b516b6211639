using F2.Doors.Derivation;

namespace F2.Doors;

/// <summary>
/// What one transaction writes: the events released since the last commit, the devices whose state changed (with
/// their partition) and, per partition, the offset after the last message processed.
/// </summary>
internal sealed class DoorBatch
{
    private long _startedAt;

    public List<DoorEvent> Events { get; } = [];

    public Dictionary<string, int> Devices { get; } = new(StringComparer.Ordinal);

    public Dictionary<int, long> NextOffsets { get; } = [];

    /// <summary>The trace context of each record in the batch, kept only while a tracer listens (<see cref="DoorsTracing"/>).</summary>
    public List<TracedRecord> Traces { get; } = [];

    public int MessageCount { get; private set; }

    public SignalCounts Counts;

    public bool IsEmpty => MessageCount == 0 && Devices.Count == 0;

    public TimeSpan Age => IsEmpty ? TimeSpan.Zero : System.Diagnostics.Stopwatch.GetElapsedTime(_startedAt);

    public void Touch(string device, int partition)
    {
        if (IsEmpty)
        {
            _startedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        }

        Devices[device] = partition;
    }

    public void Consumed(int partition, long offset)
    {
        if (IsEmpty)
        {
            _startedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        }

        MessageCount++;
        NextOffsets[partition] = offset + 1;
    }

    public void Clear()
    {
        Events.Clear();
        Devices.Clear();
        NextOffsets.Clear();
        Traces.Clear();
        MessageCount = 0;
        Counts = default;
    }
}

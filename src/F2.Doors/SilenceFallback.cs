namespace F2.Doors;

/// <summary>
/// The wall-clock side of spec section 4.6: per device, the device time and wall time of the message that last moved
/// its clock, and when it last sent anything. A device silent for <see cref="DoorsOptions.SilenceFallback"/> gets a
/// synthetic clock of that device time plus the wall time since. In memory only: after a restart a device takes part
/// again from its next message.
/// </summary>
internal sealed class SilenceFallback(TimeSpan silence, TimeProvider time)
{
    private readonly Dictionary<string, Anchor> _anchors = new(StringComparer.Ordinal);

    public bool IsOn => silence > TimeSpan.Zero;

    /// <summary>A message of <paramref name="device"/> arrived; <paramref name="clock"/> is the device clock after it.</summary>
    public void Arrived(string device, long clock, int partition)
    {
        long now = time.GetTimestamp();
        if (_anchors.TryGetValue(device, out Anchor? anchor) && anchor.Clock >= clock)
        {
            anchor.LastArrival = now;
            return;
        }

        _anchors[device] = new Anchor(clock, now, partition) { LastArrival = now };
    }

    /// <summary>The devices silent for the fallback's time, with the synthetic clock each gets now.</summary>
    public IEnumerable<(string Device, long Clock, int Partition)> Silent()
    {
        long now = time.GetTimestamp();
        foreach ((string device, Anchor anchor) in _anchors)
        {
            if (time.GetElapsedTime(anchor.LastArrival, now) >= silence)
            {
                long wallMicros = time.GetElapsedTime(anchor.SetAt, now).Ticks / TimeSpan.TicksPerMicrosecond;
                yield return (device, anchor.Clock + wallMicros, anchor.Partition);
            }
        }
    }

    public void Clear() => _anchors.Clear();

    private sealed record Anchor(long Clock, long SetAt, int Partition)
    {
        public long LastArrival { get; set; }
    }
}

namespace F2.Doors.Derivation;

/// <summary>The four door signals (spec section 2), in their processing order (section 4.4).</summary>
internal enum SignalKind : byte
{
    Read,
    Rex,
    Strike,
    Contact,
}

/// <summary>
/// One accepted door signal row, buffered until its door's watermark passes it. <see cref="Value"/> is 1 or 0 (unused
/// for reads); <see cref="Topic"/> and <see cref="Pin"/> complete the natural key and the processing order.
/// </summary>
internal sealed record DoorSignal(long Time, SignalKind Kind, string Topic, int Pin, int Value, string? Credential)
{
    /// <summary>The processing order of section 4.4 among signals: time, kind, topic (byte order), pin.</summary>
    public static int Compare(DoorSignal a, DoorSignal b)
    {
        int order = a.Time.CompareTo(b.Time);
        if (order == 0)
        {
            order = a.Kind.CompareTo(b.Kind);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(a.Topic, b.Topic);
        }

        return order != 0 ? order : a.Pin.CompareTo(b.Pin);
    }

    public bool HasSameKey(DoorSignal other) => Time == other.Time && Pin == other.Pin && string.Equals(Topic, other.Topic, StringComparison.Ordinal);
}

namespace F2.Decoder;

/// <summary>What the health check reads. Thread-safe.</summary>
internal sealed class DecoderStatus
{
    private volatile bool _parametersLoaded;
    private int _stuck;

    public bool ParametersLoaded
    {
        get => _parametersLoaded;
        set => _parametersLoaded = value;
    }

    /// <summary>
    /// Records whose output Kafka refused and that wait for another attempt: each counts from its first failure until
    /// its output is acknowledged or its partition goes to another member, whatever other records do meanwhile.
    /// </summary>
    public int StuckRecords => Volatile.Read(ref _stuck);

    public bool ProduceFailing => StuckRecords > 0;

    /// <summary>A record's output failed for the first time; true when no other record was stuck.</summary>
    public bool RecordStuck() => Interlocked.Increment(ref _stuck) == 1;

    /// <summary>A stuck record's output was acknowledged, or its partition was revoked; true when none is left.</summary>
    public bool RecordResolved() => Interlocked.Decrement(ref _stuck) == 0;
}

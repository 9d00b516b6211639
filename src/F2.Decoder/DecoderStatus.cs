namespace F2.Decoder;

/// <summary>What the health check reads. Thread-safe.</summary>
internal sealed class DecoderStatus
{
    private volatile bool _parametersLoaded;
    private volatile bool _produceFailing;

    public bool ParametersLoaded
    {
        get => _parametersLoaded;
        set => _parametersLoaded = value;
    }

    /// <summary>True from a failed produce until the next successful one.</summary>
    public bool ProduceFailing => _produceFailing;

    /// <summary>Records a successful produce; true when it ends a run of failures.</summary>
    public bool ProduceSucceeded()
    {
        bool wasFailing = _produceFailing;
        _produceFailing = false;
        return wasFailing;
    }

    /// <summary>Records a failed produce; true when it starts a run of failures.</summary>
    public bool ProduceFailed()
    {
        bool wasFailing = _produceFailing;
        _produceFailing = true;
        return !wasFailing;
    }
}

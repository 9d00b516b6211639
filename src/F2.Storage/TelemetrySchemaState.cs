namespace F2.Storage;

/// <summary>Completes once the sink has applied the telemetry schema, with the layout in use.</summary>
internal sealed class TelemetrySchemaState
{
    private readonly TaskCompletionSource<TelemetryLayout> _applied = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TelemetryLayout> WhenApplied => _applied.Task;

    public void Applied(TelemetryLayout layout) => _applied.TrySetResult(layout);
}

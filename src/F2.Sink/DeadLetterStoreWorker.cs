using F2.Storage;

namespace F2.Sink;

/// <summary>
/// Delivery promise: an offset of <c>dead_letter_iot_data</c> is committed only after its dead letter is committed to
/// <c>dead_letters</c>; a redelivered dead letter adds no row (the table is unique on the source coordinates and the
/// insert ignores conflicts). Waits for <see cref="SinkWorker"/> to apply the telemetry schema, then runs
/// <see cref="DeadLetterStoreLoop"/> on its own thread until stopped. Anything it cannot retry stops the host with exit code 1.
/// </summary>
internal sealed class DeadLetterStoreWorker(
    IServiceProvider services,
    TelemetrySchemaState schemaState,
    DeadLetterStoreHealth health,
    ILogger<DeadLetterStoreWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await schemaState.WhenApplied.WaitAsync(stoppingToken);
            DeadLetterStoreLoop loop = services.GetRequiredService<DeadLetterStoreLoop>();
            await Task.Factory.StartNew(
                () => loop.Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before the schema was applied: nothing was consumed.
        }
        catch (Exception exception)
        {
            Log.DeadLetterStoreFailed(logger, exception);
            health.Failed(exception.Message);
            Environment.ExitCode = 1;
            throw;
        }
    }
}

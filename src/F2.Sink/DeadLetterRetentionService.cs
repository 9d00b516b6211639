using F2.Storage;
using F2.Storage.DeadLetters;
using Microsoft.Extensions.Options;

namespace F2.Sink;

/// <summary>
/// Applies <c>DeadLetters:Retention</c> to <c>dead_letters</c>: once the telemetry schema is applied, then every
/// <c>DeadLetters:RetentionInterval</c>, deletes the dead letters written longer ago. A failure is retried after
/// <c>DeadLetters:RetryMaxDelay</c>.
/// </summary>
internal sealed class DeadLetterRetentionService(
    DeadLetterStore store,
    TelemetrySchemaState schemaState,
    IOptions<DeadLetterStoreOptions> options,
    TimeProvider time,
    ILogger<DeadLetterRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schemaState.WhenApplied.WaitAsync(stoppingToken);
        DeadLetterStoreOptions settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan next = settings.RetentionInterval;
            try
            {
                int deleted = await store.DeleteOlderThanAsync(time.GetUtcNow().UtcDateTime - settings.Retention, stoppingToken);
                if (deleted > 0)
                {
                    Log.DeadLettersExpired(logger, deleted, settings.Retention);
                }
            }
            catch (Exception exception) when (DatabaseErrors.IsOutage(exception) && !stoppingToken.IsCancellationRequested)
            {
                Log.DeadLetterRetentionFailed(logger, exception, settings.RetryMaxDelay);
                next = settings.RetryMaxDelay;
            }

            await Task.Delay(next, stoppingToken);
        }
    }
}

using F2.Integrations.Kafka;
using F2.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace F2.Sink;

/// <summary>
/// Delivery promise: offsets are committed only after the rows are committed to PostgreSQL; redelivered records never
/// create a second row (the natural key (device_id, topic, pin_position, time) is unique and inserts ignore conflicts).
/// Applies the telemetry schema (retrying while PostgreSQL is down), then runs <see cref="SinkConsumeLoop"/> on its own
/// thread until stopped. Anything it cannot retry (a broken schema, a bug) is logged and stops the host with exit code 1.
/// </summary>
internal sealed class SinkWorker(
    KafkaClientFactory kafka,
    NpgsqlDataSource dataSource,
    IOptions<SinkOptions> options,
    TelemetrySchemaState schemaState,
    SinkMetrics metrics,
    SinkHealth health,
    ConsumerGroupHealth groupHealth,
    ILogger<SinkWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            TelemetryLayout layout = await ApplySchemaAsync(stoppingToken);
            schemaState.Applied(layout);
            var commits = new PendingCommits(groupHealth, logger);
            var flusher = new SinkBatchFlusher(new MeasurementWriter(dataSource, layout), commits, metrics, logger);
            var loop = new SinkConsumeLoop(kafka, flusher, commits, options.Value, metrics, health, groupHealth, logger);
            await Task.Factory.StartNew(
                () => loop.Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped while waiting for the database at start-up: nothing was consumed.
        }
        catch (Exception exception)
        {
            Log.SinkFailed(logger, exception);
            health.Failed(exception.Message);
            Environment.ExitCode = 1;
            throw;
        }
    }

    private async Task<TelemetryLayout> ApplySchemaAsync(CancellationToken stoppingToken)
    {
        for (int attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                return await TelemetrySchema.ApplyAsync(dataSource, options.Value.PartitionDaysAhead, logger, stoppingToken);
            }
            catch (Exception exception) when (DatabaseErrors.IsOutage(exception) && !stoppingToken.IsCancellationRequested)
            {
                TimeSpan delay = TimeSpan.FromMilliseconds(Math.Min(250 * Math.Pow(2, Math.Min(attempt - 1, 16)), options.Value.RetryMaxDelay.TotalMilliseconds));
                Log.SchemaDatabaseUnavailable(logger, exception, attempt, delay);
                health.Starting(exception.Message);
                await Task.Delay(delay, stoppingToken);
            }
        }

        throw new OperationCanceledException(stoppingToken);
    }
}

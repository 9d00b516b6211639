using F2.Integrations;
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
/// <remarks>
/// Its parts are registered in DI (<c>AddSink</c>); the consume loop is resolved only once the schema is applied,
/// because the <see cref="MeasurementWriter"/> it writes through needs the layout in use.
/// </remarks>
internal sealed class SinkWorker(
    IServiceProvider services,
    NpgsqlDataSource dataSource,
    IOptions<SinkOptions> options,
    TelemetrySchemaState schemaState,
    SinkHealth health,
    ILogger<SinkWorker> logger) : BackgroundService
{
    private static readonly TimeSpan SchemaFirstRetryDelay = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            TelemetryLayout layout = await ApplySchemaAsync(stoppingToken);
            schemaState.Applied(layout);
            SinkConsumeLoop loop = services.GetRequiredService<SinkConsumeLoop>();
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
                TimeSpan delay = Backoff.Delay(attempt, SchemaFirstRetryDelay, options.Value.RetryMaxDelay);
                Log.SchemaDatabaseUnavailable(logger, exception, attempt, delay);
                health.Starting(exception.Message);
                await Task.Delay(delay, stoppingToken);
            }
        }

        throw new OperationCanceledException(stoppingToken);
    }
}

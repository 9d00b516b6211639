using F2.Doors.Derivation;
using F2.Doors.Storage;
using F2.Storage;
using F2.Integrations;
using F2.Integrations.Kafka;
using Microsoft.Extensions.Options;
using Npgsql;

namespace F2.Doors;

/// <summary>
/// Delivery promise: the events a batch of <c>decoded_iot_data</c> releases, the door state it leaves and the next
/// offset of each partition are committed to telemetrydb in one transaction, and the stage resumes from that offset
/// with that state; Kafka's committed offsets follow, for lag only. So a crash at any point repeats no event and
/// loses none, and <c>INSERT ... ON CONFLICT (event_id) DO NOTHING</c> makes any replay add nothing. Applies the
/// schema (retrying while a database is down), loads <c>door_settings</c>, then runs <see cref="DoorsConsumeLoop"/> on
/// its own thread until stopped. Anything it cannot retry is logged and stops the host with exit code 1.
/// </summary>
internal sealed class DoorsWorker(
    KafkaClientFactory kafka,
    [FromKeyedServices(DoorsDatabases.DeviceDb)] NpgsqlDataSource devices,
    [FromKeyedServices(DoorsDatabases.TelemetryDb)] NpgsqlDataSource telemetry,
    IOptions<DoorsOptions> options,
    DoorSettingsCache settings,
    DoorsSchemaState schema,
    DoorsMetrics metrics,
    DoorsHealth health,
    TimeProvider time,
    ILogger<DoorsWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ApplySchemaAsync(stoppingToken);
            schema.MarkApplied();
            DoorSettingsTable table = await DoorSettingsStore.LoadAsync(devices, stoppingToken);
            settings.Set(table);
            var loop = new DoorsConsumeLoop(
                kafka, new DoorStore(telemetry, options.Value.ConsumerGroup), settings, options.Value, metrics, health, time, logger);
            await Task.Factory.StartNew(
                () => loop.Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped while starting: nothing was consumed.
        }
        catch (Exception exception)
        {
            Log.DoorsFailed(logger, exception);
            health.Failed(exception.Message);
            Environment.ExitCode = 1;
            throw;
        }
    }

    private async Task ApplySchemaAsync(CancellationToken stoppingToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await DoorSchema.ApplyAsync(devices, telemetry, stoppingToken);
                Log.SchemaApplied(logger);
                return;
            }
            catch (Exception exception) when (DatabaseErrors.IsOutage(exception) && !stoppingToken.IsCancellationRequested)
            {
                TimeSpan delay = Backoff.Delay(attempt, TimeSpan.FromMilliseconds(250), options.Value.RetryMaxDelay);
                Log.SchemaDatabaseUnavailable(logger, exception, attempt, delay);
                health.Starting(exception.Message);
                await Task.Delay(delay, stoppingToken);
            }
        }
    }
}

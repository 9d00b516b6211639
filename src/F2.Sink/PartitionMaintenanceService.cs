using F2.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace F2.Sink;

/// <summary>
/// Plain PostgreSQL layout only: keeps <c>Sink:PartitionDaysAhead</c> daily partitions created ahead, every
/// <c>Sink:MaintenanceInterval</c>. A failure is retried sooner; meanwhile rows outside every partition land in
/// <c>iot_measurements_default</c> and move to their day's partition when it is created.
/// </summary>
internal sealed class PartitionMaintenanceService(
    NpgsqlDataSource dataSource,
    TelemetrySchemaState schemaState,
    IOptions<SinkOptions> options,
    ILogger<PartitionMaintenanceService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (await schemaState.WhenApplied.WaitAsync(stoppingToken) != TelemetryLayout.Partitioned)
        {
            return;
        }

        SinkOptions settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan next = settings.MaintenanceInterval;
            try
            {
                await Task.Delay(next, stoppingToken);
                await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(stoppingToken);
                int created = await TelemetrySchema.EnsurePartitionsAsync(connection, settings.PartitionDaysAhead, stoppingToken);
                if (created > 0)
                {
                    Log.PartitionsCreated(logger, created);
                }
            }
            catch (Exception exception) when (DatabaseErrors.IsOutage(exception) && !stoppingToken.IsCancellationRequested)
            {
                Log.PartitionMaintenanceFailed(logger, exception, settings.RetryMaxDelay);
                await Task.Delay(settings.RetryMaxDelay, stoppingToken);
            }
        }
    }
}

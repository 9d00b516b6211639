using F2.Doors.Derivation;
using F2.Doors.Storage;
using F2.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace F2.Doors;

/// <summary>
/// The <c>door_settings</c> in hand; the consume loop takes <see cref="Current"/> before each message. Each load is
/// logged; a row ignored whole (spec 3.2) is logged as a warning with its key and reason and counted in
/// <c>f2.doors.settings.ignored</c> when a load first finds it, so a bad row is never dropped silently.
/// </summary>
internal sealed class DoorSettingsCache(DoorsMetrics metrics, ILogger<DoorSettingsCache> logger)
{
    private volatile DoorSettingsTable _current = DoorSettingsTable.Empty;

    public DoorSettingsTable Current => _current;

    public void Set(DoorSettingsTable table)
    {
        HashSet<DoorSettingsRow> known = [.. _current.Ignored];
        _current = table;
        Log.SettingsLoaded(logger, table.Count, table.IgnoredCount);
        foreach (DoorSettingsRow row in table.Ignored.Where(row => !known.Contains(row)))
        {
            string reason = row.InvalidReason!;
            Log.SettingsRowIgnored(logger, row.DeviceId, row.Door, reason);
            metrics.SettingsIgnored.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }
    }
}

/// <summary>
/// Reloads <c>door_settings</c> from devicedb every <c>Doors:SettingsRefresh</c> (spec section 3.3). A failed reload
/// keeps the settings in hand and is retried at the next refresh.
/// </summary>
internal sealed class DoorSettingsRefresher(
    [FromKeyedServices(DoorsDatabases.DeviceDb)] NpgsqlDataSource devices,
    DoorSettingsCache cache,
    DoorsSchemaState schema,
    IOptions<DoorsOptions> options,
    ILogger<DoorSettingsRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.Applied.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.SettingsRefresh);
        do
        {
            try
            {
                DoorSettingsTable table = await DoorSettingsStore.LoadAsync(devices, stoppingToken);
                cache.Set(table);
            }
            catch (Exception exception) when (DatabaseErrors.IsOutage(exception) && !stoppingToken.IsCancellationRequested)
            {
                Log.SettingsReloadFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>The names of the stage's two PostgreSQL data sources (Aspire resource names, keyed services).</summary>
internal static class DoorsDatabases
{
    public const string DeviceDb = "devicedb";
    public const string TelemetryDb = "telemetrydb";
}

/// <summary>Completes once the door schema is applied, so the settings are first loaded from an existing table.</summary>
internal sealed class DoorsSchemaState
{
    private readonly TaskCompletionSource _applied = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Applied => _applied.Task;

    public void MarkApplied() => _applied.TrySetResult();
}

using System.Net.Sockets;
using F2.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace F2.Integrations.DeviceParameters;

/// <summary>
/// Keeps the device parameters in memory: loads the table at start-up (retrying with backoff while <c>devicedb</c> is
/// down), then reloads on every change notification and at least every <c>Decoder:ParameterRefreshInterval</c>, and
/// swaps in a new immutable <see cref="ParameterSet"/> atomically. The schema is applied before the first load.
/// "Loaded" means a load found at least one row: an empty table (a fresh or restored but unseeded devicedb) would
/// turn every message into <c>params_missing</c>, so the cache keeps waiting and says what to do.
/// </summary>
public sealed class DeviceParameterCache(
    NpgsqlDataSource dataSource,
    IOptions<DeviceParameterCacheOptions> options,
    ILogger<DeviceParameterCache> logger) : BackgroundService, IDeviceParameterSource
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);

    private readonly DeviceParameterStore _store = new(dataSource);
    private readonly DeviceParameterCacheOptions _options = options.Value;
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Snapshot _snapshot = new(ParameterSet.Empty, [], null, "not loaded yet");
    private int _failures;

    public ParameterSet Current => _snapshot.Set;

    /// <summary>What the health check reports: the rows, when they were last refreshed, the current problem if any.</summary>
    internal Snapshot State => _snapshot;

    public Task WaitUntilLoadedAsync(CancellationToken cancellationToken) => _loaded.Task.WaitAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAndRefreshAsync(stoppingToken);
            }
            catch (Exception exception) when (IsOutage(exception) && !stoppingToken.IsCancellationRequested)
            {
                _failures++;
                TimeSpan delay = Backoff.Delay(_failures, FirstRetryDelay, _options.ParameterRetryMaxDelay);
                Snapshot current = _snapshot;
                _snapshot = current with { Problem = exception.Message };
                Log.DeviceParametersUnavailable(logger, exception, _failures, current.RefreshedAt is null ? "not loaded yet" : "kept as last loaded", delay);
                await Task.Delay(delay, stoppingToken);
            }
        }
    }

    private async Task ListenAndRefreshAsync(CancellationToken stoppingToken)
    {
        await _store.EnsureSchemaAsync(stoppingToken);
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {DeviceParameterSchema.NotifyChannel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await RefreshAsync(stoppingToken);
            bool notified = await connection.WaitAsync(_options.ParameterRefreshInterval, stoppingToken);
            if (notified)
            {
                Log.DeviceParametersChangeNotified(logger);
            }
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<DeviceParameter> rows = await _store.LoadAllAsync(cancellationToken);
        Snapshot previous = _snapshot;
        bool changed = previous.RefreshedAt is null || !rows.SequenceEqual(previous.Rows);
        ParameterSet set = changed ? ParameterSet.Create(rows) : previous.Set;
        _snapshot = new Snapshot(set, rows, DateTimeOffset.UtcNow, null);
        if (_failures > 0 || changed)
        {
            Log.DeviceParametersLoaded(logger, rows.Count, changed);
        }

        _failures = 0;
        if (rows.Count > 0)
        {
            _loaded.TrySetResult();
        }
        else if (changed && !_loaded.Task.IsCompleted)
        {
            Log.DeviceParametersEmpty(logger);
        }
    }


    private static bool IsOutage(Exception exception)
        => exception is NpgsqlException or IOException or SocketException or TimeoutException;

    /// <summary>One immutable view: the set, the rows it was built from, when they were read, and the current problem.</summary>
    internal sealed record Snapshot(ParameterSet Set, IReadOnlyList<DeviceParameter> Rows, DateTimeOffset? RefreshedAt, string? Problem);
}

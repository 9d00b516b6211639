using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using F2.AppHost.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace F2.AppHost.Operations;

/// <summary>
/// Follows resource notifications: rewrites the status file on each change and copies each instance's log.
/// It starts in <see cref="StartingAsync"/>, before the AppHost's own start-up (which waits for resources), so the
/// files show start-up too; <see cref="StopAsync"/> ends it and waits for it.
/// </summary>
internal sealed partial class OperationsRecorder(
    ResourceNotificationService notifications,
    ResourceLoggerService resourceLogs,
    StateFolder state,
    ILogger<OperationsRecorder> logger) : IHostedLifecycleService, IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _logFileLocks = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private Task _recording = Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _recording = RecordAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _recording.WaitAsync(cancellationToken);
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _stopping.Dispose();

    private async Task RecordAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        Directory.CreateDirectory(state.Logs);
        var latest = new Dictionary<string, ResourceEvent>(StringComparer.Ordinal);
        var copies = new List<Task>();
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (update.Resource is ParameterResource || update.Snapshot.IsHidden)
                {
                    continue;
                }

                if (latest.TryAdd(update.ResourceId, update))
                {
                    copies.Add(CopyLogAsync(update.Resource, update.ResourceId, stoppingToken));
                }

                latest[update.ResourceId] = update;
                await WriteStatusAsync(latest.Values, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping; the copies end with it.
        }

        await Task.WhenAll(copies);
    }

    private async Task WriteStatusAsync(IEnumerable<ResourceEvent> resources, CancellationToken cancellationToken)
    {
        var temporary = state.StatusFile + ".tmp";
        try
        {
            await File.WriteAllTextAsync(temporary, StatusTable.Format(resources, DateTimeOffset.UtcNow), cancellationToken);
            File.Move(temporary, state.StatusFile, overwrite: true);
        }
        catch (IOException exception)
        {
            Log.OperationsFileFailed(logger, state.StatusFile, exception);
        }
    }

    private async Task CopyLogAsync(IResource resource, string instance, CancellationToken cancellationToken)
    {
        var file = Path.Combine(state.Logs, resource.Name + ".log");
        var prefix = resource.GetReplicaCount() > 1 ? $"[{instance}] " : "";
        var fileLock = _logFileLocks.GetOrAdd(file, _ => new SemaphoreSlim(1, 1));
        try
        {
            await foreach (var batch in resourceLogs.WatchAsync(instance).WithCancellation(cancellationToken))
            {
                await fileLock.WaitAsync(cancellationToken);
                try
                {
                    await File.AppendAllLinesAsync(file, batch.Select(line => prefix + AnsiEscape().Replace(line.Content, "")), cancellationToken);
                }
                finally
                {
                    fileLock.Release();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (IOException exception)
        {
            Log.OperationsFileFailed(logger, file, exception);
        }
    }

    [GeneratedRegex(@"\x1B\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}

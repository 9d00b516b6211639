using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace F2.Tests.AppHost;

/// <summary>The whole app in local mode (no containers) with its dashboard, started once for the tests of a class.</summary>
public sealed class LocalAppFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan MeasurementsTimeout = TimeSpan.FromMinutes(4);

    private readonly TestStateFolder _state = new();
    private Task<long>? _measurements;

    public DistributedApplication App { get; private set; } = null!;

    public string StateFolder => _state.Path;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.F2_AppHost>(
            new DistributedApplicationTestingBuilderOptions { EnableDashboard = true }, AppHostArgs.For("Local", _state.Path), timeout.Token);
        App = await builder.WithQuietResourceLogs().BuildAsync(timeout.Token).WaitAsync(timeout.Token);
        await App.StartAsync(timeout.Token).WaitAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));
        _state.Dispose();
    }

    public DistributedApplicationModel Model => App.Services.GetRequiredService<DistributedApplicationModel>();

    /// <summary>Waits (once per fixture) until the Sink has written simulator traffic; returns the row count.</summary>
    public Task<long> MeasurementsAsync() => _measurements ??= WaitForMeasurementsAsync();

    private async Task<long> WaitForMeasurementsAsync()
    {
        using var timeout = new CancellationTokenSource(MeasurementsTimeout);
        var connectionString = await App.GetConnectionStringAsync("telemetrydb", timeout.Token).AsTask().WaitAsync(timeout.Token);
        try
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync("sink", timeout.Token).WaitAsync(timeout.Token);
            while (true)
            {
                var rows = await CountRowsAsync(connectionString!, timeout.Token);
                if (rows > 0)
                {
                    return rows;
                }

                await Task.Delay(TimeSpan.FromSeconds(2), timeout.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"No row reached telemetrydb.iot_measurements within {MeasurementsTimeout}. Resource states:\n{await DescribeResourcesAsync()}");
        }
    }

    /// <summary>Each resource instance's latest state and health, for failure messages.</summary>
    public async Task<string> DescribeResourcesAsync()
    {
        var latest = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var replay = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await foreach (var update in App.ResourceNotifications.WatchAsync(replay.Token))
            {
                latest[update.ResourceId] = $"{update.Snapshot.State?.Text} {update.Snapshot.HealthStatus}";
            }
        }
        catch (OperationCanceledException) when (replay.IsCancellationRequested)
        {
            // WatchAsync replays the current states, then waits for changes: three seconds is enough for the replay.
        }

        return string.Join('\n', latest.Select(pair => $"{pair.Key}: {pair.Value}"));
    }

    private static async Task<long> CountRowsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM iot_measurements", connection);
        try
        {
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }
}

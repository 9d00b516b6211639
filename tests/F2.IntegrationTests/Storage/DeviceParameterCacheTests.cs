using F2.Integrations.DeviceParameters;
using F2.Protocol;
using F2.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace F2.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class DeviceParameterCacheTests(PostgresServer postgres)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly DeviceTopic StrikeTopic = new("f2-e4fd45f654be", "access-control-mode", "J1", "strike", "1", 1);

    [Fact]
    public async Task ATableChangeTakesEffectWithinSecondsWithoutRestart()
    {
        string connectionString = await postgres.CreateUniqueDatabaseAsync("devicedb").WaitAsync(Timeout);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new DeviceParameterStore(dataSource);
        await store.EnsureSchemaAsync().WaitAsync(Timeout);
        await store.UpsertAsync([DeviceParameterStoreTests.Strike]).WaitAsync(Timeout);
        using var cache = new DeviceParameterCache(dataSource, Options(TimeSpan.FromMinutes(5)), NullLogger<DeviceParameterCache>.Instance);
        await cache.StartAsync(CancellationToken.None).WaitAsync(Timeout);
        await cache.WaitUntilLoadedAsync(CancellationToken.None).WaitAsync(Timeout);
        Assert.True(cache.Current.TryResolve(StrikeTopic, out DeviceParameter? before));
        Assert.Equal("state", before!.Units);

        await store.UpsertAsync([DeviceParameterStoreTests.Strike with { Units = "locked" }]).WaitAsync(Timeout);

        // The periodic refresh is 5 minutes here: only the change notification can make this pass in time.
        await Poll.UntilAsync(
            () => Task.FromResult(cache.Current.TryResolve(StrikeTopic, out DeviceParameter? after) && after.Units == "locked"),
            TimeSpan.FromSeconds(10),
            "the cache should reload after the table changed");
        await cache.StopAsync(CancellationToken.None).WaitAsync(Timeout);
    }

    [Fact]
    public async Task TheCacheWaitsForTheDatabaseAndForAtLeastOneRowAndReportsUnhealthyUntilThen()
    {
        // A database that does not exist yet stands for devicedb being down.
        string name = $"devicedb_{Guid.NewGuid():N}"[..21];
        var builder = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = name };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        using var cache = new DeviceParameterCache(dataSource, Options(TimeSpan.FromSeconds(1)), NullLogger<DeviceParameterCache>.Instance);
        var health = new DeviceParameterHealthCheck(cache);
        await cache.StartAsync(CancellationToken.None).WaitAsync(Timeout);

        await Poll.UntilAsync(
            async () => (await health.CheckHealthAsync(new HealthCheckContext())).Description?.Contains(name, StringComparison.Ordinal) == true,
            Timeout,
            "health should name the failure");
        Assert.False(cache.WaitUntilLoadedAsync(CancellationToken.None).IsCompleted);
        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);

        await postgres.CreateDatabaseAsync(name).WaitAsync(Timeout);

        // Reachable but empty (a fresh devicedb): still not loaded, and health says what to do.
        await Poll.UntilAsync(
            async () => (await health.CheckHealthAsync(new HealthCheckContext())).Description?.StartsWith("device_parameters is empty", StringComparison.Ordinal) == true,
            Timeout,
            "health should say that the table is empty");
        HealthCheckResult empty = await health.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, empty.Status);
        Assert.Contains("params load", empty.Description, StringComparison.Ordinal);
        Assert.False(cache.WaitUntilLoadedAsync(CancellationToken.None).IsCompleted);

        builder.Database = name;
        await using (var seeded = NpgsqlDataSource.Create(builder.ConnectionString))
        {
            await new DeviceParameterStore(seeded).UpsertAsync([DeviceParameterStoreTests.Strike]).WaitAsync(Timeout);
        }

        await cache.WaitUntilLoadedAsync(CancellationToken.None).WaitAsync(Timeout);
        HealthCheckResult loaded = await health.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, loaded.Status);
        Assert.StartsWith("device parameters loaded, 1 rows, last refresh at ", loaded.Description, StringComparison.Ordinal);
        Assert.Equal(1, cache.Current.Count);
        await cache.StopAsync(CancellationToken.None).WaitAsync(Timeout);
    }

    private static IOptions<DeviceParameterCacheOptions> Options(TimeSpan refresh)
        => Microsoft.Extensions.Options.Options.Create(new DeviceParameterCacheOptions
        {
            ParameterRefreshInterval = refresh,
            ParameterRetryMaxDelay = TimeSpan.FromMilliseconds(500),
        });
}

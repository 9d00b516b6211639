namespace F2.Testing;

/// <summary>
/// A <see cref="PostgresServer"/> with TimescaleDB preloaded (<c>scripts/install-prerequisites</c> installs it), for the
/// tests of the TimescaleDB layout; the plain layout's tests keep the plain server. TimescaleDB's scheduler is off:
/// its background jobs fail on Debian's PostgreSQL 15 (../shared/timescaledb/README.md), so a test runs a policy itself
/// with <c>CALL run_job(id)</c>, and no policy runs behind a test's back. In xunit tests, share it through a collection
/// fixture.
/// </summary>
public sealed class TimescaleServer : IAsyncLifetime
{
    public PostgresServer Postgres { get; } = new()
    {
        ExtraSettings = ["shared_preload_libraries=timescaledb", "timescaledb.telemetry_level=off", "timescaledb.max_background_workers=0"],
    };

    public Task InitializeAsync() => Postgres.InitializeAsync();

    public Task DisposeAsync() => Postgres.DisposeAsync();
}

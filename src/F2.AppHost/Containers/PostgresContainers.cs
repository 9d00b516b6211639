using F2.AppHost.Infrastructure;

namespace F2.AppHost.Containers;

/// <summary>
/// PostgreSQL for <c>devicedb</c> and TimescaleDB for <c>telemetrydb</c>, each with a data volume. Aspire's
/// PostgreSQL integration creates the databases and reports them healthy once they accept sessions.
/// </summary>
internal static class PostgresContainers
{
    public static (IResourceBuilder<IResourceWithConnectionString> DeviceDb, IResourceBuilder<IResourceWithConnectionString> TelemetryDb)
        AddPostgresContainers(this IDistributedApplicationBuilder builder, F2Options options, F2Secrets secrets)
    {
        var deviceServer = builder.AddPostgres("devicedb-server", password: secrets.PostgresPassword, port: FreePort.OrAny(options.Ports.Postgres))
            .WithDataVolume("f2-devicedb-data");
        var telemetryServer = builder.AddPostgres("telemetrydb-server", password: secrets.PostgresPassword, port: FreePort.OrAny(options.Ports.TimescaleDb))
            .WithImage(ContainerImages.TimescaleDb, ContainerImages.TimescaleDbTag)
            .WithDataVolume("f2-telemetrydb-data");

        return (
            builder.CreateResourceBuilder<IResourceWithConnectionString>(deviceServer.AddDatabase("devicedb").Resource),
            builder.CreateResourceBuilder<IResourceWithConnectionString>(telemetryServer.AddDatabase("telemetrydb").Resource));
    }
}

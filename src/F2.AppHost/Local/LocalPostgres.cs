using F2.AppHost.Health;
using F2.AppHost.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace F2.AppHost.Local;

/// <summary>
/// Local mode's PostgreSQL: one server process (resource <c>postgres</c>) holding <c>devicedb</c> and
/// <c>telemetrydb</c>. The databases are connection-string resources that turn healthy once they accept a
/// password login, so services waiting for them start after initdb, the password and the database exist.
/// </summary>
internal static class LocalPostgres
{
    public static (IResourceBuilder<IResourceWithConnectionString> DeviceDb, IResourceBuilder<IResourceWithConnectionString> TelemetryDb)
        AddLocalPostgres(this IDistributedApplicationBuilder builder, F2Options options, StateFolder state, F2Secrets secrets)
    {
        var binFolder = FindBinFolder(options.Local.PostgresBinFolder)
            ?? throw new DistributedApplicationException(
                "Local mode needs PostgreSQL's server binaries: apt-get install postgresql (or set F2:Local:PostgresBinFolder).");
        var port = FreePort.Resolve(options.Ports.Postgres);
        var cluster = new LocalPostgresCluster(binFolder, state.Postgres, port, ServiceAccount.For(LocalPostgresCluster.Superuser));
        var (program, args) = cluster.ServerCommand();

        var server = builder.AddExecutable("postgres", program, StateFolder.Create(state.Postgres), args)
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithPostgresHealthCheck(_ => ValueTask.FromResult<string?>(cluster.SocketConnectionString("postgres")))
            .WithIconName("Database");

        string[] databases = ["devicedb", "telemetrydb"];
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server.Resource, (started, cancellationToken) =>
            cluster.InitializeAsync(ResourceLog(started.Services, server.Resource), cancellationToken));
        builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, async (ready, cancellationToken) =>
        {
            var logger = ResourceLog(ready.Services, server.Resource);
            try
            {
                var password = await secrets.PostgresPassword.Resource.GetValueAsync(cancellationToken) ?? "";
                await cluster.PrepareAsync(password, databases, logger, cancellationToken);
            }
            catch (NpgsqlException exception)
            {
                Log.PrepareFailed(logger, exception);
            }
        });

        return (Database(builder, server, secrets, databases[0]), Database(builder, server, secrets, databases[1]));
    }

    private static IResourceBuilder<IResourceWithConnectionString> Database(
        IDistributedApplicationBuilder builder, IResourceBuilder<ExecutableResource> server, F2Secrets secrets, string name)
    {
        var port = server.GetEndpoint("tcp").Property(EndpointProperty.Port);
        var database = builder.AddConnectionString(name, ReferenceExpression.Create(
                $"Host=127.0.0.1;Port={port};Username={LocalPostgresCluster.Superuser};Password={secrets.PostgresPassword};Database={name}"))
            .WithParentRelationship(server)
            .WaitFor(server);
        database.WithPostgresHealthCheck(((IResourceWithConnectionString)database.Resource).GetConnectionStringAsync);
        return builder.CreateResourceBuilder<IResourceWithConnectionString>(database.Resource);
    }

    private static Microsoft.Extensions.Logging.ILogger ResourceLog(IServiceProvider services, IResource resource)
        => services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);

    private static string? FindBinFolder(string? configured)
    {
        if (configured is not null)
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        }

        const string debianRoot = "/usr/lib/postgresql";
        return Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
    }
}

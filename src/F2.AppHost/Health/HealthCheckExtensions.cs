using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace F2.AppHost.Health;

/// <summary>Readiness checks for resources that have no <c>/health</c> of their own, so <c>WaitFor</c> works on them.</summary>
internal static class HealthCheckExtensions
{
    public static IResourceBuilder<T> WithTcpHealthCheck<T>(this IResourceBuilder<T> resource, string endpointName)
        where T : IResourceWithEndpoints
    {
        var endpoint = resource.GetEndpoint(endpointName);
        return resource.WithCheck("tcp", _ => new TcpHealthCheck(endpoint));
    }

    public static IResourceBuilder<T> WithPostgresHealthCheck<T>(
        this IResourceBuilder<T> resource, Func<CancellationToken, ValueTask<string?>> connectionString)
        where T : IResource
        => resource.WithCheck("postgres", _ => new PostgresHealthCheck(connectionString));

    private static IResourceBuilder<T> WithCheck<T>(this IResourceBuilder<T> resource, string kind, Func<IServiceProvider, IHealthCheck> factory)
        where T : IResource
    {
        var key = $"{resource.Resource.Name}-{kind}";
        resource.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, factory, failureStatus: null, tags: null));
        return resource.WithHealthCheck(key);
    }
}

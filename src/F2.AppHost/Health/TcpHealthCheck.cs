using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace F2.AppHost.Health;

/// <summary>Healthy once something accepts TCP connections on the endpoint (brokers without an HTTP probe).</summary>
internal sealed class TcpHealthCheck(EndpointReference endpoint) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("endpoint not allocated yet");
        }

        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (SocketException exception)
        {
            return HealthCheckResult.Unhealthy($"{endpoint.Host}:{endpoint.Port}: {exception.SocketErrorCode}");
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace F2.AppHost.Infrastructure;

/// <summary>Resolves a configured port: 0 means any free loopback port, taken when the model is built.</summary>
internal static class FreePort
{
    public static int Resolve(int configured)
    {
        if (configured != 0)
        {
            return configured;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>For proxied service endpoints: 0 lets Aspire choose.</summary>
    public static int? OrAny(int configured) => configured == 0 ? null : configured;
}

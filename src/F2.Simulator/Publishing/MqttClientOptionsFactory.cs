using MQTTnet;
using MQTTnet.Formatter;

namespace F2.Simulator.Publishing;

/// <summary>MQTT v5 client options from <c>ConnectionStrings:mqtt</c> (<c>mqtt://user:pass@host:1883</c>, <c>mqtts://</c> for TLS).</summary>
internal static class MqttClientOptionsFactory
{
    public static MqttClientOptions Create(string connectionString, string clientId)
    {
        var uri = new Uri(connectionString);
        bool tls = uri.Scheme == "mqtts";
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? (tls ? 8883 : 1883) : uri.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId)
            .WithCleanStart()
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (uri.UserInfo.Length > 0)
        {
            string[] parts = uri.UserInfo.Split(':', 2);
            builder.WithCredentials(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null);
        }

        if (tls)
        {
            builder.WithTlsOptions(o => o.UseTls());
        }

        return builder.Build();
    }

    /// <summary>The broker address for logs, without credentials.</summary>
    public static string Describe(string connectionString) =>
        Uri.TryCreate(connectionString, UriKind.Absolute, out Uri? uri) ? $"{uri.Scheme}://{uri.Host}:{uri.Port}" : "(unparsable)";
}

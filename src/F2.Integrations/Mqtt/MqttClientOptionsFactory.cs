using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;

namespace F2.Integrations.Mqtt;

/// <summary>MQTTnet 5 client options from an <see cref="MqttConnectionString"/>: MQTT v5, credentials, TLS for mqtts (with its CA file when given).</summary>
public static class MqttClientOptionsFactory
{
    /// <summary>
    /// A builder with server, protocol version 5, credentials and TLS set; add session settings
    /// (<c>WithCleanStart(false)</c>, <c>WithSessionExpiryInterval</c>) and <c>Build()</c>.
    /// </summary>
    public static MqttClientOptionsBuilder CreateBuilder(MqttConnectionString connection, string clientId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(connection.Host, connection.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId);
        if (connection.UserName is not null)
        {
            builder = builder.WithCredentials(connection.UserName, connection.Password ?? "");
        }

        if (connection.UseTls)
        {
            builder = builder.WithTlsOptions(tls =>
            {
                tls.UseTls().WithTargetHost(connection.Host);
                if (connection.CaFile is { } caFile)
                {
                    tls.WithTrustChain(LoadCertificates(caFile));
                }
            });
        }

        return builder;
    }

    /// <summary>The certificates of a PEM file; the broker's certificate must chain to one of them.</summary>
    private static X509Certificate2Collection LoadCertificates(string pemFile)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(pemFile);
        if (certificates.Count == 0)
        {
            throw new InvalidOperationException($"The MQTT CA file {pemFile} holds no PEM certificate.");
        }

        return certificates;
    }

    /// <summary>
    /// Options for a subscriber whose session (subscriptions and queued QoS 1 messages) outlives its connection:
    /// clean start off and the given session expiry.
    /// </summary>
    public static MqttClientOptions CreatePersistentSession(
        MqttConnectionString connection, string clientId, TimeSpan sessionExpiry) =>
        CreateBuilder(connection, clientId)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)Math.Clamp(sessionExpiry.TotalSeconds, 0, uint.MaxValue))
            .Build();
}

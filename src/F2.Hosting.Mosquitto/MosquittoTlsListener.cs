namespace F2.Hosting.Mosquitto;

/// <summary>
/// A Mosquitto listener that speaks TLS: <c>listener &lt;port&gt; &lt;address&gt;</c> with <c>certfile</c> (the broker's
/// certificate, PEM, followed by any intermediate certificates) and <c>keyfile</c> (its private key, PEM, readable by
/// the account Mosquitto runs as). Clients connect with <c>mqtts://</c>, adding <c>?cafile=</c> when the certificate
/// comes from a private certificate authority.
/// </summary>
public sealed record MosquittoTlsListener(int Port, string CertificateFile, string KeyFile)
{
    /// <summary>The address the listener binds; by default every interface (devices reach it over the network).</summary>
    public string BindAddress { get; init; } = "0.0.0.0";
}

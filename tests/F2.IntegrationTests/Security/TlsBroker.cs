namespace F2.Tests.Security;

/// <summary>A Mosquitto with a TLS listener whose certificate a private CA signed (<see cref="TestCertificates"/>).</summary>
public sealed class TlsBroker : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("f2-tls-").FullName;
    private readonly TestCertificates _certificates;

    public TlsBroker()
    {
        _certificates = TestCertificates.WriteTo(_folder);
        Mosquitto = new MosquittoServer { TlsCertificateFile = _certificates.CertificateFile, TlsKeyFile = _certificates.KeyFile };
    }

    public MosquittoServer Mosquitto { get; }

    public string CaFile => _certificates.CaFile;

    /// <summary><c>mqtts://</c> to the TLS listener as the service account, by host name (the certificate's name), with or without the CA file.</summary>
    public string ConnectionString(bool trustCa) =>
        $"mqtts://{Uri.EscapeDataString(Mosquitto.ServiceUser.Name)}:{Uri.EscapeDataString(Mosquitto.ServiceUser.Password)}@localhost:{Mosquitto.TlsPort}"
        + (trustCa ? "?cafile=" + Uri.EscapeDataString(CaFile) : "");

    public Task InitializeAsync() => Mosquitto.InitializeAsync();

    public async Task DisposeAsync()
    {
        await Mosquitto.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

namespace F2.AppHost.Mqtt;

/// <summary>
/// Copies the configured certificate and key into the broker's own folder (<c>tls/server.pem</c>, <c>tls/server.key</c>),
/// where the account Mosquitto runs as can read them: the key stays owner-only in local mode (the folder is handed to
/// the <c>mosquitto</c> user); container mode must make it readable to the container's mosquitto user (uid 1883).
/// </summary>
internal static class MqttTlsFiles
{
    public const string CertificateName = "server.pem";
    public const string KeyName = "server.key";

    public static string Folder(string brokerFolder) => Path.Combine(brokerFolder, "tls");

    public static void Copy(F2MqttOptions options, string brokerFolder, bool keyReadableByAll)
    {
        string folder = Folder(brokerFolder);
        Directory.CreateDirectory(folder);
        string certificate = Path.Combine(folder, CertificateName);
        string key = Path.Combine(folder, KeyName);
        File.Copy(options.TlsCertificateFile!, certificate, overwrite: true);
        File.Copy(options.TlsKeyFile!, key, overwrite: true);
        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            File.SetUnixFileMode(certificate, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            File.SetUnixFileMode(key, keyReadableByAll ? OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead : OwnerOnly);
        }
    }
}

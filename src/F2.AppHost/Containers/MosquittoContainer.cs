using F2.AppHost.Health;
using F2.AppHost.Infrastructure;
using F2.AppHost.Mqtt;
using F2.Hosting.Mosquitto;

namespace F2.AppHost.Containers;

/// <summary>
/// Mosquitto 2 in a container: <see cref="MosquittoConfig"/>'s settings rendered for the container's paths,
/// bind-mounted read-only at <c>/mosquitto/config</c> (where the image's default command reads it); the store in a volume at <c>/mosquitto/data</c>, which the
/// image's mosquitto user owns.
/// </summary>
internal static class MosquittoContainer
{
    private const int ContainerPort = 1883;
    private const int ContainerTlsPort = 8883;
    private const string ConfigInContainer = "/mosquitto/config";
    private const string DataInContainer = "/mosquitto/data/";

    // The container's mosquitto user (uid 1883) reads the bind-mounted files: world-readable, hashes only.
    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static IResourceBuilder<IResourceWithConnectionString> AddMosquittoContainer(
        this IDistributedApplicationBuilder builder, F2Options options, StateFolder state, F2Secrets secrets)
    {
        var hostFolder = Path.Combine(state.Mosquitto, "config");
        var broker = builder.AddContainer("mosquitto", ContainerImages.Mosquitto, ContainerImages.MosquittoTag)
            .WithBindMount(hostFolder, ConfigInContainer, isReadOnly: true)
            .WithVolume("f2-mosquitto-data", DataInContainer.TrimEnd('/'))
            .WithEndpoint(port: FreePort.Resolve(options.Ports.Mqtt), targetPort: ContainerPort, scheme: "tcp", name: "tcp")
            .WithTcpHealthCheck("tcp")
            .WithIconName("ArrowSwap");
        if (options.Mqtt.UsesTls)
        {
            broker.WithEndpoint(port: FreePort.Resolve(options.Ports.MqttTls), targetPort: ContainerTlsPort, scheme: "tcp", name: "tls", isProxied: false);
        }

        broker.WriteFilesBeforeStart(secrets, (account, _, cancellationToken) => WriteAsync(hostFolder, options.Mqtt, account, cancellationToken));
        return builder.AddMqttConnectionString(broker, "localhost", secrets);
    }

    private static async Task WriteAsync(string hostFolder, F2MqttOptions mqtt, MqttAccount account, CancellationToken cancellationToken)
    {
        string tlsInContainer = MqttTlsFiles.Folder(ConfigInContainer);
        var config = new MosquittoConfig
        {
            DataDirectory = ConfigInContainer,
            Port = ContainerPort,
            BindAddress = "0.0.0.0",
            Users = [new MosquittoUser(account.User, account.Password, MosquittoRole.Service)],
            TlsListener = mqtt.UsesTls
                ? new MosquittoTlsListener(ContainerTlsPort, $"{tlsInContainer}/{MqttTlsFiles.CertificateName}", $"{tlsInContainer}/{MqttTlsFiles.KeyName}")
                : null,
        };
        var text = config.RenderConfig().Replace(
            $"persistence_location {config.PersistenceDirectory}{Path.DirectorySeparatorChar}", $"persistence_location {DataInContainer}", StringComparison.Ordinal);

        StateFolder.Create(hostFolder);
        await WriteFileAsync(Path.Combine(hostFolder, Path.GetFileName(config.ConfigFilePath)), text, cancellationToken);
        await WriteFileAsync(Path.Combine(hostFolder, Path.GetFileName(config.AclFilePath)), config.RenderAcl(), cancellationToken);
        string devices = mqtt.DevicePasswordFile is { } file ? await DevicePasswordFile.ReadAsync(file, [account.User], cancellationToken) : "";
        await WriteFileAsync(Path.Combine(hostFolder, Path.GetFileName(config.PasswordFilePath)), MosquittoPasswordHash.Line(account.User, account.Password) + devices, cancellationToken);
        if (mqtt.UsesTls)
        {
            // The container's mosquitto user (uid 1883) must read the key through the bind mount.
            MqttTlsFiles.Copy(mqtt, hostFolder, keyReadableByAll: true);
        }
    }

    private static async Task WriteFileAsync(string path, string text, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(path, text, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, Readable);
        }
    }
}

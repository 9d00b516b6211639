using F2.AppHost.Health;
using F2.AppHost.Infrastructure;
using F2.AppHost.Mqtt;
using F2.Hosting.Mosquitto;

namespace F2.AppHost.Local;

/// <summary>
/// Local mode's MQTT broker: the machine's Mosquitto on 127.0.0.1, configured by
/// <see cref="MosquittoConfig"/> (the same broker settings the integration tests use) under the state folder.
/// </summary>
internal static class LocalMosquitto
{
    public static IResourceBuilder<IResourceWithConnectionString> AddLocalMosquitto(
        this IDistributedApplicationBuilder builder, F2Options options, StateFolder state, F2Secrets secrets)
    {
        var program = ExecutableSearch.Find(options.Local.MosquittoPath) ?? ExecutableSearch.Find("mosquitto")
            ?? throw new DistributedApplicationException(
                "Local mode needs Mosquitto: apt-get install mosquitto (or set F2:Local:MosquittoPath).");
        var serviceAccount = ServiceAccount.For("mosquitto");
        var config = new MosquittoConfig
        {
            DataDirectory = state.Mosquitto,
            Port = FreePort.Resolve(options.Ports.Mqtt),
            RunAsUser = serviceAccount.RunAs,
            MosquittoPasswdPath = ExecutableSearch.Find("mosquitto_passwd")
                ?? throw new DistributedApplicationException("Local mode needs mosquitto_passwd (Debian package mosquitto)."),
            DevicePasswordFile = options.Mqtt.DevicePasswordFile is { } devices ? Path.GetFullPath(devices) : null,
            TlsListener = options.Mqtt.UsesTls
                ? new MosquittoTlsListener(
                    FreePort.Resolve(options.Ports.MqttTls),
                    Path.Combine(MqttTlsFiles.Folder(state.Mosquitto), MqttTlsFiles.CertificateName),
                    Path.Combine(MqttTlsFiles.Folder(state.Mosquitto), MqttTlsFiles.KeyName))
                : null,
        };

        var broker = builder.AddExecutable("mosquitto", program, StateFolder.Create(state.Mosquitto), "-c", config.ConfigFilePath)
            .WithEndpoint(port: config.Port, targetPort: config.Port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithTcpHealthCheck("tcp")
            .WithIconName("ArrowSwap");
        if (config.TlsListener is { } tls)
        {
            broker.WithEndpoint(port: tls.Port, targetPort: tls.Port, scheme: "tcp", name: "tls", isProxied: false);
        }

        broker.WriteFilesBeforeStart(secrets, async (account, logger, cancellationToken) =>
        {
            var files = new MosquittoConfig
            {
                DataDirectory = config.DataDirectory,
                Port = config.Port,
                RunAsUser = config.RunAsUser,
                MosquittoPasswdPath = config.MosquittoPasswdPath,
                DevicePasswordFile = config.DevicePasswordFile,
                TlsListener = config.TlsListener,
                Users = [new MosquittoUser(account.User, account.Password, MosquittoRole.Service)],
            };
            if (options.Mqtt.UsesTls)
            {
                MqttTlsFiles.Copy(options.Mqtt, state.Mosquitto, keyReadableByAll: false);
            }

            await files.WriteAsync(cancellationToken);
            await serviceAccount.GiveAsync(state.Mosquitto, logger, cancellationToken);
        });

        return builder.AddMqttConnectionString(broker, config.BindAddress, secrets);
    }
}

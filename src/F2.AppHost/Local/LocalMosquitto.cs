using F2.AppHost.Health;
using F2.AppHost.Infrastructure;
using F2.AppHost.Mqtt;

namespace F2.AppHost.Local;

/// <summary>Local mode's MQTT broker: the machine's Mosquitto on 127.0.0.1 with generated configuration under the state folder.</summary>
internal static class LocalMosquitto
{
    public static IResourceBuilder<IResourceWithConnectionString> AddLocalMosquitto(
        this IDistributedApplicationBuilder builder, F2Options options, StateFolder state, F2Secrets secrets)
    {
        var program = ExecutableSearch.Find(options.Local.MosquittoPath) ?? ExecutableSearch.Find("mosquitto")
            ?? throw new DistributedApplicationException(
                "Local mode needs Mosquitto: apt-get install mosquitto (or set F2:Local:MosquittoPath).");
        var port = FreePort.Resolve(options.Ports.Mqtt);
        var account = ServiceAccount.For("mosquitto");
        var configFolder = Path.Combine(state.Mosquitto, "config");
        var dataFolder = Path.Combine(state.Mosquitto, "data");

        var broker = builder.AddExecutable("mosquitto", program, StateFolder.Create(state.Mosquitto),
                "-c", Path.Combine(configFolder, MosquittoFiles.ConfigFileName))
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithTcpHealthCheck("tcp")
            .WithIconName("ArrowSwap");

        var setup = new MosquittoSetup(port, "127.0.0.1", dataFolder, Path.Combine(configFolder, MosquittoFiles.PasswordFileName), account.RunAs);
        broker.WriteFilesBeforeStart(configFolder, setup, secrets, UnixFileMode.UserRead | UnixFileMode.UserWrite, (logger, cancellationToken) =>
        {
            Directory.CreateDirectory(dataFolder);
            return account.GiveAsync(state.Mosquitto, logger, cancellationToken);
        });

        return builder.AddMqttConnectionString(broker, "127.0.0.1", secrets);
    }
}

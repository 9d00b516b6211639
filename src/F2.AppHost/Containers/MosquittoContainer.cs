using F2.AppHost.Health;
using F2.AppHost.Infrastructure;
using F2.AppHost.Mqtt;

namespace F2.AppHost.Containers;

/// <summary>Mosquitto 2 with the generated configuration bind-mounted read-only and its store in a volume.</summary>
internal static class MosquittoContainer
{
    private const int ContainerPort = 1883;

    public static IResourceBuilder<IResourceWithConnectionString> AddMosquittoContainer(
        this IDistributedApplicationBuilder builder, F2Options options, StateFolder state, F2Secrets secrets)
    {
        var configFolder = Path.Combine(state.Mosquitto, "config");
        var broker = builder.AddContainer("mosquitto", ContainerImages.Mosquitto, ContainerImages.MosquittoTag)
            .WithBindMount(configFolder, "/mosquitto/config", isReadOnly: true)
            .WithVolume("f2-mosquitto-data", "/mosquitto/data")
            .WithEndpoint(port: FreePort.Resolve(options.Ports.Mqtt), targetPort: ContainerPort, scheme: "tcp", name: "tcp")
            .WithTcpHealthCheck("tcp")
            .WithIconName("ArrowSwap");

        // The container's mosquitto user (uid 1883) reads the bind-mounted files, hence world-readable (hashes only).
        var setup = new MosquittoSetup(ContainerPort, BindAddress: null, "/mosquitto/data", "/mosquitto/config/" + MosquittoFiles.PasswordFileName, RunAsUser: null);
        broker.WriteFilesBeforeStart(configFolder, setup, secrets,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        return builder.AddMqttConnectionString(broker, "localhost", secrets);
    }
}

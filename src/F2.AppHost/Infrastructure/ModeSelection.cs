namespace F2.AppHost.Infrastructure;

/// <summary>Picks the hosting mode: the configured one, else External when publishing, else by probing for containers.</summary>
internal static class ModeSelection
{
    public static (HostingMode Mode, string Reason) Choose(IDistributedApplicationBuilder builder, F2Options options)
    {
        if (options.Mode is { } configured)
        {
            return (configured, "set by F2:Mode");
        }

        if (builder.ExecutionContext.IsPublishMode)
        {
            return (HostingMode.External, "publishing: the deployment provides MQTT, Kafka and PostgreSQL");
        }

        var runtime = builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? "docker";
        return ContainerRuntimeProbe.IsAvailable(runtime)
            ? (HostingMode.Containers, $"container runtime '{runtime}' answered")
            : (HostingMode.Local, $"no working container runtime '{runtime}'");
    }
}

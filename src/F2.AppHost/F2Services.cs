using F2.AppHost.Infrastructure;
using F2.AppHost.Operations;
using F2.DevKafka;

namespace F2.AppHost;

/// <summary>
/// The pipeline's services, wired the same way in every mode: connection strings by reference, start after what
/// they need (schema owners first: Decoder owns devicedb's schema, Sink telemetrydb's), probed on <c>/health</c>.
/// OpenTelemetry goes to the dashboard by Aspire's defaults for project resources. The Decoder, which hashes reader
/// texts, gets the key <c>reader-hmac-key</c>, and telemetrydb for its dead-letter verbs (<see cref="DecoderCommands"/>).
/// </summary>
internal static class F2Services
{
    public static void AddF2Services(this IDistributedApplicationBuilder builder, F2Infrastructure infrastructure, F2Options options, HostingMode mode)
    {
        var ports = options.Ports;
        var readerKey = ReaderHmacKey.Add(builder, mode);
        var ingest = builder.AddService<Projects.F2_Ingest>("ingest", ports.Ingest)
            .Uses(infrastructure.Mqtt)
            .UsesKafka(infrastructure);

        var decoder = builder.AddService<Projects.F2_Decoder>("decoder", ports.Decoder)
            .UsesKafka(infrastructure)
            .Uses(infrastructure.DeviceDb)
            .Uses(infrastructure.TelemetryDb)
            .WithEnvironment(ReaderHmacKey.Setting, readerKey)
            .WithReplicas(options.DecoderReplicas)
            .WithStaticGroupMembership()
            .WithDecoderCommands(options.DeviceParametersCsv is { Length: > 0 } csv ? Path.GetFullPath(csv, builder.AppHostDirectory) : null);

        builder.AddService<Projects.F2_Sink>("sink", ports.Sink)
            .UsesKafka(infrastructure)
            .Uses(infrastructure.TelemetryDb)
            .WithReplicas(options.SinkReplicas)
            .WithStaticGroupMembership();

        // Door events (spec door-events.md): its own consumer group of decoded_iot_data; door_settings in devicedb,
        // door_events and its state in telemetrydb (it creates its own tables).
        builder.AddService<Projects.F2_Doors>("doors", ports.Doors)
            .UsesKafka(infrastructure)
            .Uses(infrastructure.DeviceDb)
            .Uses(infrastructure.TelemetryDb)
            .WithReplicas(options.DoorsReplicas)
            .WithStaticGroupMembership();

        // The simulated devices' parameters go into devicedb first, so their traffic decodes instead of dead-lettering.
        // The Decoder need only have started: it is not healthy (and does not consume) until devicedb holds parameters.
        if (options.RunsSimulator(mode))
        {
            builder.AddService<Projects.F2_Simulator>("simulator", ports.Simulator)
                .Uses(infrastructure.Mqtt)
                .Uses(infrastructure.DeviceDb)
                .WithEnvironment("Simulator__WriteDeviceParameters", "true")
                .WaitForStart(decoder)
                .WaitFor(ingest);
        }
    }

    private static IResourceBuilder<ProjectResource> AddService<TProject>(this IDistributedApplicationBuilder builder, string name, int port)
        where TProject : IProjectMetadata, new()
        => builder.AddProject<TProject>(name, launchProfileName: null)
            .WithHttpEndpoint(port: FreePort.OrAny(port))
            .WithProbedHealth();

    /// <summary>
    /// Probes <c>/health</c>. The services log health changes once, not every probe result (see
    /// <c>AddDefaultHealthChecks</c> in F2.ServiceDefaults).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithProbedHealth(this IResourceBuilder<ProjectResource> service)
        => service.WithHttpHealthCheck("/health");

    /// <summary>
    /// Static group membership (KIP-345) for each replica of a consuming service: each replica joins its group with its
    /// own instance id, the same across its restarts, so on Kafka a replica restarted within the session timeout gets its
    /// partitions back without a rebalance. Replicas share one environment, so the service takes the id the orchestrator
    /// gives each replica for its telemetry (<c>service.instance.id</c>): the option <c>Kafka:ConsumerGroupInstanceIdFromServiceInstance</c> of F2.Integrations.
    /// Run mode only: a deployment names its replicas itself (docs/OPERATIONS.md, Kafka consumer groups).
    /// </summary>
    private static IResourceBuilder<ProjectResource> WithStaticGroupMembership(this IResourceBuilder<ProjectResource> service)
        => service.ApplicationBuilder.ExecutionContext.IsRunMode
            ? service.WithEnvironment(GroupInstanceIdFromServiceInstanceSetting, "true")
            : service;

    /// <summary>The services' <c>Kafka:ConsumerGroupInstanceIdFromServiceInstance</c> option, as an environment variable.</summary>
    public const string GroupInstanceIdFromServiceInstanceSetting = "Kafka__ConsumerGroupInstanceIdFromServiceInstance";

    /// <summary>Kafka's connection string, and its SASL credentials where the deployment needs them.</summary>
    private static IResourceBuilder<ProjectResource> UsesKafka(this IResourceBuilder<ProjectResource> service, F2Infrastructure infrastructure)
    {
        service.Uses(infrastructure.Kafka);
        if (infrastructure.KafkaIsStandIn)
        {
            service.WithEnvironment("Kafka__ConsumerFetchWait", MockKafkaCluster.ClientFetchWait);
            service.WithEnvironment("Kafka__ConsumerSessionTimeout", MockKafkaCluster.ClientSessionTimeout);
        }

        return infrastructure.KafkaSasl is { } sasl ? sasl.ApplyTo(service) : service;
    }

    /// <summary>Passes the connection string and, where the AppHost runs the dependency, waits until it is healthy.</summary>
    private static IResourceBuilder<ProjectResource> Uses(this IResourceBuilder<ProjectResource> service, IResourceBuilder<IResourceWithConnectionString> dependency)
    {
        service.WithReference(dependency);
        return dependency.Resource is IResourceWithoutLifetime ? service : service.WaitFor(dependency);
    }
}

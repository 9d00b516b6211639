using F2.AppHost.Infrastructure;

namespace F2.AppHost.Containers;

/// <summary>Container mode: Mosquitto, Kafka (KRaft), PostgreSQL and TimescaleDB as containers.</summary>
internal static class ContainerInfrastructure
{
    public static F2Infrastructure AddContainerInfrastructure(this IDistributedApplicationBuilder builder, F2Options options, StateFolder state)
    {
        var secrets = F2Secrets.Add(builder);
        var mqtt = builder.AddMosquittoContainer(options, state, secrets);
        var kafka = builder.AddKafkaContainer(options);
        var (deviceDb, telemetryDb) = builder.AddPostgresContainers(options, secrets);
        return new F2Infrastructure(mqtt, kafka, deviceDb, telemetryDb);
    }
}

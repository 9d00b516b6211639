using F2.AppHost.Infrastructure;

namespace F2.AppHost.Local;

/// <summary>Local mode: no containers. The machine's Mosquitto and PostgreSQL, and the development Kafka stand-in.</summary>
internal static class LocalInfrastructure
{
    public static F2Infrastructure AddLocalInfrastructure(this IDistributedApplicationBuilder builder, F2Options options, StateFolder state)
    {
        var secrets = F2Secrets.Add(builder);
        var mqtt = builder.AddLocalMosquitto(options, state, secrets);
        var kafka = builder.AddDevKafka(options);
        var (deviceDb, telemetryDb) = builder.AddLocalPostgres(options, state, secrets);
        return new F2Infrastructure(mqtt, kafka, deviceDb, telemetryDb, KafkaIsStandIn: true);
    }
}

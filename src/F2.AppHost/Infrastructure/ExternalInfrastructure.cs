namespace F2.AppHost.Infrastructure;

/// <summary>
/// External mode: MQTT, Kafka and the two databases exist already and come in as connection strings
/// (<c>ConnectionStrings__mqtt</c>, ...; azd asks for them as parameters), plus Kafka's SASL credentials when
/// <c>F2:KafkaSaslMechanism</c> is set. Nothing is started for them.
/// </summary>
internal static class ExternalInfrastructure
{
    public static F2Infrastructure AddExternalInfrastructure(this IDistributedApplicationBuilder builder, F2Options options) => new(
        builder.AddConnectionString("mqtt"),
        builder.AddConnectionString("kafka"),
        builder.AddConnectionString("devicedb"),
        builder.AddConnectionString("telemetrydb"),
        KafkaSasl.Add(builder, options));
}

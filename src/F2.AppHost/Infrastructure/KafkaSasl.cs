namespace F2.AppHost.Infrastructure;

/// <summary>
/// SASL over TLS to an external Kafka (managed clusters require it). On when <c>F2:KafkaSaslMechanism</c> is set
/// (<c>PLAIN</c>, <c>SCRAM-SHA-256</c>, <c>SCRAM-SHA-512</c>); the credentials are the secret parameters
/// <c>kafka-sasl-username</c> and <c>kafka-sasl-password</c>, passed to the services as librdkafka properties
/// (<c>Kafka__ClientProperties__sasl.*</c>, see F2.Integrations.Kafka.KafkaClientProperties).
/// </summary>
internal sealed record KafkaSasl(string Mechanism, IResourceBuilder<ParameterResource> Username, IResourceBuilder<ParameterResource> Password)
{
    public static KafkaSasl? Add(IDistributedApplicationBuilder builder, F2Options options) =>
        options.KafkaSaslMechanism is { Length: > 0 } mechanism
            ? new(mechanism, builder.AddParameter("kafka-sasl-username", secret: true), builder.AddParameter("kafka-sasl-password", secret: true))
            : null;

    public IResourceBuilder<ProjectResource> ApplyTo(IResourceBuilder<ProjectResource> service) => service
        .WithEnvironment("Kafka__ClientProperties__security.protocol", "SASL_SSL")
        .WithEnvironment("Kafka__ClientProperties__sasl.mechanism", Mechanism)
        .WithEnvironment("Kafka__ClientProperties__sasl.username", Username)
        .WithEnvironment("Kafka__ClientProperties__sasl.password", Password);
}

namespace F2.AppHost.Infrastructure;

/// <summary>
/// What the services use, by the connection-string names they read (<c>ConnectionStrings:mqtt</c>, ...).
/// Each mode provides the same four; a resource with a lifetime also gates its dependents' start.
/// <paramref name="KafkaSasl"/>: credentials for an external Kafka that needs them (External mode only).
/// </summary>
internal sealed record F2Infrastructure(
    IResourceBuilder<IResourceWithConnectionString> Mqtt,
    IResourceBuilder<IResourceWithConnectionString> Kafka,
    IResourceBuilder<IResourceWithConnectionString> DeviceDb,
    IResourceBuilder<IResourceWithConnectionString> TelemetryDb,
    KafkaSasl? KafkaSasl = null,
    bool KafkaIsStandIn = false);

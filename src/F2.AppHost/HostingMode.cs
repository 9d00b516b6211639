namespace F2.AppHost;

/// <summary>How the AppHost provides MQTT, Kafka and PostgreSQL; the services are wired the same way in all three.</summary>
internal enum HostingMode
{
    /// <summary>Mosquitto, Kafka (KRaft), PostgreSQL and TimescaleDB as containers.</summary>
    Containers,

    /// <summary>The machine's Mosquitto and PostgreSQL as processes, and the development Kafka stand-in.</summary>
    Local,

    /// <summary>Existing infrastructure given as connection strings (what a deployment such as azd uses).</summary>
    External,
}

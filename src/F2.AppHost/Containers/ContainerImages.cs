namespace F2.AppHost.Containers;

/// <summary>Images of container mode, in one place for upgrades.</summary>
internal static class ContainerImages
{
    public const string Mosquitto = "eclipse-mosquitto";
    public const string MosquittoTag = "2";
    public const string Kafka = "apache/kafka";
    public const string KafkaTag = "4.0.0";
    public const string TimescaleDb = "timescale/timescaledb";
    public const string TimescaleDbTag = "latest-pg17";
}

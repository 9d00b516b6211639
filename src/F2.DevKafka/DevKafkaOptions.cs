using System.ComponentModel.DataAnnotations;

namespace F2.DevKafka;

/// <summary>Section <c>DevKafka</c>: shape of the development Kafka stand-in.</summary>
public sealed class DevKafkaOptions
{
    public const string SectionName = "DevKafka";

    [Range(1, 5)]
    public int BrokerCount { get; set; } = 1;

    /// <summary>Partitions of each pipeline topic (raw, decoded, dead letter).</summary>
    [Range(1, 64)]
    public int PartitionsPerTopic { get; set; } = 3;

    /// <summary>
    /// The fixed bootstrap port clients use (the AppHost sets it from an endpoint). The mock brokers cannot bind a
    /// chosen port, so a TCP forwarder listens here and passes connections to the first mock broker; clients then
    /// follow the metadata to the brokers' own loopback ports. Unset: no forwarder, clients use the brokers' ports.
    /// </summary>
    [Range(1, 65535)]
    public int? Port { get; set; }

    /// <summary>The address the forwarder listens on.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Connections the forwarder serves at once; more wait in the listen backlog.</summary>
    [Range(1, 10_000)]
    public int MaxForwardedConnections { get; set; } = 256;

    /// <summary>
    /// How long a new consumer group waits for more members before its first assignment. Kafka and the mock
    /// default to 3 s; locally each group has one member, so waiting only slows start-up.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan GroupInitialRebalanceDelay { get; set; } = TimeSpan.Zero;
}

using System.Globalization;
using F2.AppHost.Health;
using F2.AppHost.Infrastructure;
using F2.Protocol;

namespace F2.AppHost.Containers;

/// <summary>
/// Apache Kafka as one KRaft node (broker and controller, no ZooKeeper), data in a volume. Automatic topic
/// creation is off: the one-shot <c>kafka-topics</c> container creates the pipeline's topics with
/// <c>F2:KafkaPartitions</c> partitions each (<c>--if-not-exists</c>, so restarts are no-ops), and the
/// <c>kafka</c> connection string is released to the services only after it has finished.
/// </summary>
internal static class KafkaContainer
{
    private const int HostListenerPort = 9092;
    private const int ControllerPort = 9093;
    private const int InternalListenerPort = 9094;
    private const string ClusterId = "ZjJwaXBlbGluZWRldjAwMQ";

    public static IResourceBuilder<IResourceWithConnectionString> AddKafkaContainer(this IDistributedApplicationBuilder builder, F2Options options)
    {
        var hostPort = FreePort.Resolve(options.Ports.Kafka);
        var partitions = options.KafkaPartitions.ToString(CultureInfo.InvariantCulture);
        string listeners = $"HOST://:{HostListenerPort},CONTROLLER://:{ControllerPort},INTERNAL://:{InternalListenerPort}";
        string advertised = $"HOST://localhost:{hostPort},INTERNAL://kafka-broker:{InternalListenerPort}";
        string voters = $"1@localhost:{ControllerPort}";
        var broker = builder.AddContainer("kafka-broker", ContainerImages.Kafka, ContainerImages.KafkaTag)
            .WithEndpoint(port: hostPort, targetPort: HostListenerPort, scheme: "tcp", name: "tcp", isProxied: false)
            .WithEnvironment("CLUSTER_ID", ClusterId)
            .WithEnvironment("KAFKA_NODE_ID", "1")
            .WithEnvironment("KAFKA_PROCESS_ROLES", "broker,controller")
            .WithEnvironment("KAFKA_CONTROLLER_QUORUM_VOTERS", voters)
            .WithEnvironment("KAFKA_LISTENERS", listeners)
            .WithEnvironment("KAFKA_ADVERTISED_LISTENERS", advertised)
            .WithEnvironment("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "HOST:PLAINTEXT,CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT")
            .WithEnvironment("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
            .WithEnvironment("KAFKA_INTER_BROKER_LISTENER_NAME", "INTERNAL")
            .WithEnvironment("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
            .WithEnvironment("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
            .WithEnvironment("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
            .WithEnvironment("KAFKA_NUM_PARTITIONS", partitions)
            .WithEnvironment("KAFKA_LOG_DIRS", "/var/lib/kafka/data")
            // The image declares this volume path and gives it to its non-root user, so a new named volume is writable.
            .WithVolume("f2-kafka-data", "/var/lib/kafka/data")
            .WithTcpHealthCheck("tcp")
            .WithIconName("DataFunnel");

        var createTopics = string.Join(" && ", KafkaTopics.All.Select(topic => CreateTopicCommand(topic, partitions)));
        var topics = builder.AddContainer("kafka-topics", ContainerImages.Kafka, ContainerImages.KafkaTag)
            .WithEntrypoint("/bin/sh")
            .WithArgs("-c", createTopics)
            .WithParentRelationship(broker)
            .WaitFor(broker);

        var kafka = builder.AddConnectionString("kafka", ReferenceExpression.Create($"{broker.GetEndpoint("tcp").Property(EndpointProperty.HostAndPort)}"))
            .WithParentRelationship(broker)
            .WaitFor(broker)
            .WaitForCompletion(topics);
        return builder.CreateResourceBuilder<IResourceWithConnectionString>(kafka.Resource);
    }

    private static string CreateTopicCommand(string topic, string partitions) => string.Create(CultureInfo.InvariantCulture,
        $"/opt/kafka/bin/kafka-topics.sh --bootstrap-server kafka-broker:{InternalListenerPort} --create --if-not-exists --topic {topic} --partitions {partitions} --replication-factor 1");
}

namespace F2.Integrations.Telemetry;

/// <summary>OpenTelemetry messaging semantic-convention attribute names used by F2's spans.</summary>
public static class MessagingAttributes
{
    public const string System = "messaging.system";
    public const string OperationType = "messaging.operation.type";
    public const string OperationName = "messaging.operation.name";
    public const string DestinationName = "messaging.destination.name";
    public const string DestinationTemplate = "messaging.destination.template";
    public const string DestinationPartitionId = "messaging.destination.partition.id";
    public const string ConsumerGroupName = "messaging.consumer.group.name";
    public const string MessageBodySize = "messaging.message.body.size";
    public const string KafkaMessageKey = "messaging.kafka.message.key";
    public const string KafkaOffset = "messaging.kafka.offset";
}

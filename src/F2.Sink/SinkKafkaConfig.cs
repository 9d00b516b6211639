using Confluent.Kafka;

namespace F2.Sink;

/// <summary>The sink's Kafka client settings, from <c>ConnectionStrings:kafka</c> (bootstrap servers).</summary>
internal sealed class SinkKafkaConfig
{
    public const string ConsumerGroup = "f2-sink";

    public SinkKafkaConfig(IConfiguration configuration)
    {
        string bootstrapServers = configuration.GetConnectionString("kafka") is { Length: > 0 } servers
            ? servers
            : throw new InvalidOperationException("ConnectionStrings:kafka (bootstrap servers) is not set.");
        Consumer = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = ConsumerGroup,
            ClientId = "f2-sink",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        DeadLetterProducer = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = "f2-sink-dead-letters",
            Acks = Acks.All,
            MessageTimeoutMs = 30_000,
        };
    }

    public ConsumerConfig Consumer { get; }

    public ProducerConfig DeadLetterProducer { get; }
}

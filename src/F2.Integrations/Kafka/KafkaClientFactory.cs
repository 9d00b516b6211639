using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace F2.Integrations.Kafka;

/// <summary>
/// Creates Kafka client builders for the configured cluster with F2's configuration and with librdkafka's log
/// lines and errors routed to <see cref="ILogger"/> (category <c>F2.Integrations.Kafka.&lt;client id&gt;</c>).
/// The builders still take the caller's own handlers (partitions assigned/revoked, serializers).
/// </summary>
public sealed class KafkaClientFactory
{
    private readonly KafkaOptions _options;
    private readonly ILoggerFactory _loggerFactory;

    public KafkaClientFactory(string bootstrapServers, KafkaOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        BootstrapServers = bootstrapServers;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
    }

    /// <summary>From <c>ConnectionStrings:kafka</c>.</summary>
    public string BootstrapServers { get; }

    public KafkaOptions Options => _options;

    public ProducerBuilder<TKey, TValue> CreateProducerBuilder<TKey, TValue>(
        string clientId, Action<ProducerConfig>? configure = null)
    {
        ProducerConfig config = KafkaClientConfigs.CreateProducerConfig(BootstrapServers, _options, clientId);
        configure?.Invoke(config);
        ILogger logger = LoggerFor(clientId);
        return new ProducerBuilder<TKey, TValue>(config)
            .SetLogHandler((_, message) => KafkaLogging.OnLog(logger, message))
            .SetErrorHandler((client, error) => KafkaLogging.OnError(logger, client.Name, error));
    }

    public ConsumerBuilder<TKey, TValue> CreateConsumerBuilder<TKey, TValue>(
        string groupId, string clientId, Action<ConsumerConfig>? configure = null)
    {
        ConsumerConfig config = KafkaClientConfigs.CreateConsumerConfig(BootstrapServers, _options, groupId, clientId);
        configure?.Invoke(config);
        ILogger logger = LoggerFor(clientId);
        return new ConsumerBuilder<TKey, TValue>(config)
            .SetLogHandler((_, message) => KafkaLogging.OnLog(logger, message))
            .SetErrorHandler((client, error) => KafkaLogging.OnError(logger, client.Name, error));
    }

    public AdminClientBuilder CreateAdminClientBuilder(string clientId)
    {
        ILogger logger = LoggerFor(clientId);
        return new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers, ClientId = clientId })
            .SetLogHandler((_, message) => KafkaLogging.OnLog(logger, message))
            .SetErrorHandler((client, error) => KafkaLogging.OnError(logger, client.Name, error));
    }

    private ILogger LoggerFor(string clientId) => _loggerFactory.CreateLogger("F2.Integrations.Kafka." + clientId);
}

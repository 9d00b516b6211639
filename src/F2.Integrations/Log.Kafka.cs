using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace F2.Integrations;

/// <summary>
/// F2.Integrations' source-generated log messages (event ids 5000-5999), one partial part per area:
/// Kafka 5000-5099, reader data 5300-5399 (5100-5299 were the Kafka stand-in's, now in F2.DevKafka.Cluster).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5000, Message = "librdkafka {ClientName} [{Facility}]: {Text}")]
    public static partial void LibrdkafkaLog(ILogger logger, LogLevel level, string clientName, string facility, string text);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning,
        Message = "Kafka client {ClientName} error {Code} (transient, retrying): {Reason}")]
    public static partial void KafkaTransientError(ILogger logger, string clientName, ErrorCode code, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Critical,
        Message = "Kafka client {ClientName} fatal error {Code}: {Reason}")]
    public static partial void KafkaFatalError(ILogger logger, string clientName, ErrorCode code, string reason);
}

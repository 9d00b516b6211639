using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace F2.Integrations.Kafka;

/// <summary>Routes librdkafka's log lines and client errors to <see cref="ILogger"/>.</summary>
public static class KafkaLogging
{
    /// <summary>Maps a syslog level (librdkafka's scale: 0 emergency to 7 debug) to a <see cref="LogLevel"/>.</summary>
    public static LogLevel ToLogLevel(int syslogLevel) => syslogLevel switch
    {
        <= 2 => LogLevel.Critical,
        3 => LogLevel.Error,
        4 => LogLevel.Warning,
        5 or 6 => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    /// <summary>For <c>SetLogHandler</c> on a producer, consumer or admin client builder.</summary>
    public static void OnLog(ILogger logger, LogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Log.LibrdkafkaLog(logger, ToLogLevel((int)message.Level), message.Name, message.Facility, message.Message);
    }

    /// <summary>
    /// For <c>SetErrorHandler</c>. Non-fatal errors (a broker down, all brokers down) are transient: librdkafka
    /// keeps retrying, so they are warnings. A fatal error leaves the client unusable: critical.
    /// </summary>
    public static void OnError(ILogger logger, string clientName, Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.IsFatal)
        {
            Log.KafkaFatalError(logger, clientName, error.Code, error.Reason);
        }
        else
        {
            Log.KafkaTransientError(logger, clientName, error.Code, error.Reason);
        }
    }
}

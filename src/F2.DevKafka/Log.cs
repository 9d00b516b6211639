using System.Net;

namespace F2.DevKafka;

/// <summary>F2.DevKafka's source-generated log messages (event ids 6000-6999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Warning,
        Message = "Started the development Kafka stand-in (librdkafka mock cluster), not Kafka: data is in memory and lost on stop. "
            + "{BrokerCount} broker(s) at {BrokerAddresses}; topics {Topics} with {Partitions} partition(s) each")]
    public static partial void StandInStarted(ILogger logger, int brokerCount, string brokerAddresses, string topics, int partitions);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information,
        Message = "Development Kafka stand-in bootstrap {ListenEndPoint} forwards to mock broker {Target}")]
    public static partial void ForwarderListening(ILogger logger, IPEndPoint listenEndPoint, IPEndPoint target);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information,
        Message = "Stopped the development Kafka stand-in (librdkafka mock cluster); its data is gone")]
    public static partial void StandInStopped(ILogger logger);
}

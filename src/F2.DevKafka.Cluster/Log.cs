using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace F2.DevKafka;

/// <summary>
/// The stand-in library's source-generated log messages, with the event ids they had in F2.Integrations:
/// mock cluster 5100-5199, TCP forwarder 5200-5299.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5100, Message = "Development Kafka stand-in (librdkafka mock cluster) [{Facility}]: {Text}")]
    public static partial void MockClusterLog(ILogger logger, LogLevel level, string facility, string text);

    [LoggerMessage(EventId = 5200, Level = LogLevel.Debug,
        Message = "Forwarded connection from {Client} to {Target} ended: {Reason}")]
    public static partial void ForwardedConnectionFailed(ILogger logger, string client, IPEndPoint target, string reason);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Error,
        Message = "The TCP forwarder on {ListenEndPoint} stopped accepting: {Error}")]
    public static partial void ForwarderStopped(ILogger logger, IPEndPoint listenEndPoint, SocketError error);
}

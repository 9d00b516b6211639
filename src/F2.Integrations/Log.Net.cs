using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace F2.Integrations;

/// <summary>F2.Integrations' log messages of the TCP forwarder (event ids 5200-5299).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5200, Level = LogLevel.Debug,
        Message = "Forwarded connection from {Client} to {Target} ended: {Reason}")]
    public static partial void ForwardedConnectionFailed(ILogger logger, string client, IPEndPoint target, string reason);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Error,
        Message = "The TCP forwarder on {ListenEndPoint} stopped accepting: {Error}")]
    public static partial void ForwarderStopped(ILogger logger, IPEndPoint listenEndPoint, SocketError error);
}

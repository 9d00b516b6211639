using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace F2.Integrations.Mqtt;

/// <summary>
/// MQTTnet's TCP transport with fewer system calls, for a client that takes and acknowledges many messages a second.
/// <list type="bullet">
/// <item>Reads are buffered: MQTTnet reads every packet in three or more small reads (two header bytes, each further
/// length byte, then the body); on a plain socket each is a system call. This fills a 64 KiB buffer per call.</item>
/// <item>Writes can be held: inside <see cref="HoldWrites"/> the packets MQTTnet writes (acknowledgements, above all)
/// are collected and sent in one write when the scope ends, instead of one system call and one TCP segment each.
/// Outside it, writes go straight to the socket.</item>
/// </list>
/// TLS, when configured, is layered on top by MQTTnet as usual.
/// </summary>
public sealed class BatchingStreamProvider : IMqttClientStreamProvider
{
    public const int ReadBufferSize = 64 * 1024;

    private volatile BatchingStream? _current;

    public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(brokerEndPoint);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(brokerEndPoint, cancellationToken).ConfigureAwait(false);
            var stream = new BatchingStream(new NetworkStream(socket, ownsSocket: true), ReadBufferSize);
            _current = stream;
            return stream;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Holds the current connection's writes until the returned scope is disposed, then sends them in one write.
    /// A write that fails then (the connection is gone) is dropped: what it acknowledged stays unacknowledged and
    /// the broker delivers it again, as after any lost connection.
    /// </summary>
    public HeldWrites HoldWrites() => new(_current);
}

/// <summary>The scope of <see cref="BatchingStreamProvider.HoldWrites"/>.</summary>
public readonly struct HeldWrites : IAsyncDisposable
{
    private readonly BatchingStream? _stream;

    internal HeldWrites(BatchingStream? stream)
    {
        _stream = stream;
        stream?.Hold();
    }

    public ValueTask DisposeAsync() => _stream?.ReleaseAsync() ?? ValueTask.CompletedTask;
}

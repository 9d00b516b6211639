using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace F2.Integrations.Mqtt;

/// <summary>
/// MQTTnet's TCP transport with buffered reads. MQTTnet reads every packet in three or more small reads (two header
/// bytes, each further length byte, then the body), and on a plain socket each is a system call: for a subscriber
/// taking tens of thousands of messages a second that is most of its kernel time. This stream fills a 64 KiB buffer
/// per call instead. Writes go straight to the socket. TLS, when configured, is layered on top by MQTTnet as usual.
/// </summary>
public sealed class ReadBufferedStreamProvider : IMqttClientStreamProvider
{
    public const int BufferSize = 64 * 1024;

    public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(brokerEndPoint);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(brokerEndPoint, cancellationToken).ConfigureAwait(false);
            return new ReadBufferedStream(new NetworkStream(socket, ownsSocket: true), BufferSize);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A stream whose reads are served from a buffer refilled by one large read of the inner stream.</summary>
internal sealed class ReadBufferedStream(Stream inner, int bufferSize) : Stream
{
    private readonly byte[] _buffer = new byte[bufferSize];
    private int _position;
    private int _length;

    public override bool CanRead => true;

    public override bool CanWrite => inner.CanWrite;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (_position == _length)
        {
            if (destination.Length >= _buffer.Length)
            {
                return await inner.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
            }

            _length = await inner.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
            _position = 0;
        }

        return Take(destination.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        if (_position == _length)
        {
            _length = inner.Read(_buffer);
            _position = 0;
        }

        return Take(destination);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
        => inner.WriteAsync(source, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Take(Span<byte> destination)
    {
        int count = Math.Min(destination.Length, _length - _position);
        _buffer.AsSpan(_position, count).CopyTo(destination);
        _position += count;
        return count;
    }
}

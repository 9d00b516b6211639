using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;
using MQTTnet.Exceptions;

namespace F2.Simulator.Publishing;

/// <summary>
/// Wraps MQTTnet's TCP channel so that many publishes in flight cost few system calls: packets written while a flush
/// is under way are gathered and sent together with the next one (one <c>send</c> for many PUBLISH packets), and
/// reads are served from a 64 KiB read-ahead buffer (one <c>recv</c> for many PUBACKs). A write returns once its bytes
/// are queued; the QoS 1 acknowledgement, not the write, is what tells a message was delivered. When a flush fails
/// the inner channel is disposed, so the client sees the connection drop; every later write throws.
/// </summary>
internal sealed class CoalescingMqttChannel(IMqttChannel inner) : IMqttChannel
{
    private const int InitialBufferBytes = 64 * 1024;
    private const int MaxQueuedBytes = 4 * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly byte[] _readBuffer = new byte[64 * 1024];
    private ArrayBufferWriter<byte> _queued = new(InitialBufferBytes);
    private ArrayBufferWriter<byte> _sending = new(InitialBufferBytes);
    private Task _flush = Task.CompletedTask;
    private bool _flushRunning;
    private Exception? _failure;
    private int _readStart;
    private int _readEnd;

    public X509Certificate2? ClientCertificate => inner.ClientCertificate;

    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public EndPoint LocalEndPoint => inner.LocalEndPoint;

    public bool IsSecureConnection => inner.IsSecureConnection;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        Task flush;
        lock (_gate)
        {
            flush = _flush;
        }

        await flush.WaitAsync(cancellationToken).ConfigureAwait(false);
        await inner.DisconnectAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Only MQTTnet's single receive loop reads, so the read-ahead buffer needs no lock.</summary>
    public async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_readStart == _readEnd)
        {
            int read = await inner.ReadAsync(_readBuffer, 0, _readBuffer.Length, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return 0;
            }

            (_readStart, _readEnd) = (0, read);
        }

        int take = Math.Min(count, _readEnd - _readStart);
        Buffer.BlockCopy(_readBuffer, _readStart, buffer, offset, take);
        _readStart += take;
        return take;
    }

    public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                throw new MqttCommunicationException("The connection failed while sending.", _failure);
            }

            foreach (ReadOnlyMemory<byte> segment in buffer)
            {
                _queued.Write(segment.Span);
            }

            if (isEndOfPacket && !_flushRunning)
            {
                _flushRunning = true;
                _flush = FlushAsync();
            }

            return _queued.WrittenCount > MaxQueuedBytes ? _flush : Task.CompletedTask;
        }
    }

    public void Dispose() => inner.Dispose();

    /// <summary>Sends what is queued, again and again, until nothing is left.</summary>
    private async Task FlushAsync()
    {
        await Task.Yield();
        for (; ; )
        {
            ArrayBufferWriter<byte> batch;
            lock (_gate)
            {
                if (_queued.WrittenCount == 0)
                {
                    _flushRunning = false;
                    return;
                }

                batch = _queued;
                (_queued, _sending) = (_sending, _queued);
            }

            try
            {
                await inner.WriteAsync(new ReadOnlySequence<byte>(batch.WrittenMemory), true, CancellationToken.None).ConfigureAwait(false);
                batch.ResetWrittenCount();
            }
            catch (Exception ex) when (ex is MqttCommunicationException or IOException or System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException)
            {
                lock (_gate)
                {
                    _failure = ex;
                    _flushRunning = false;
                }

                inner.Dispose();
                throw;
            }
        }
    }
}

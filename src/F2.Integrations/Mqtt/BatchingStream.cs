using System.Net.Sockets;

namespace F2.Integrations.Mqtt;

/// <summary>
/// The stream of <see cref="BatchingStreamProvider"/>: reads served from a buffer refilled by one large read of the
/// inner stream; writes passed straight on, except while held (<see cref="Hold"/>), when they are collected and sent
/// together on <see cref="ReleaseAsync"/>. Writes to the inner stream never overlap.
/// </summary>
internal sealed class BatchingStream(Stream inner, int readBufferSize) : Stream
{
    private readonly byte[] _readBuffer = new byte[readBufferSize];
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Lock _holdGate = new();
    private byte[] _held = new byte[4096];
    private int _heldLength;
    private int _holds;
    private int _readPosition;
    private int _readLength;

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
        if (_readPosition == _readLength)
        {
            if (destination.Length >= _readBuffer.Length)
            {
                return await inner.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
            }

            _readLength = await inner.ReadAsync(_readBuffer, cancellationToken).ConfigureAwait(false);
            _readPosition = 0;
        }

        return Take(destination.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        if (_readPosition == _readLength)
        {
            _readLength = inner.Read(_readBuffer);
            _readPosition = 0;
        }

        return Take(destination);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        lock (_holdGate)
        {
            if (_holds > 0)
            {
                Append(source.Span);
                return ValueTask.CompletedTask;
            }
        }

        return SendAsync(source, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
        => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>From now until the matching <see cref="ReleaseAsync"/>, writes are collected.</summary>
    public void Hold()
    {
        lock (_holdGate)
        {
            _holds++;
        }
    }

    /// <summary>Ends a <see cref="Hold"/>; when it was the last, sends what was collected in one write.</summary>
    public async ValueTask ReleaseAsync()
    {
        byte[] held;
        int length;
        lock (_holdGate)
        {
            if (--_holds > 0 || _heldLength == 0)
            {
                return;
            }

            held = _held;
            length = _heldLength;
            _held = new byte[Math.Max(4096, length)];
            _heldLength = 0;
        }

        try
        {
            await SendAsync(held.AsMemory(0, length), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            // The connection is gone; MQTTnet's reader sees it too. What these packets acknowledged is redelivered.
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _sending.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask SendAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await inner.WriteAsync(source, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }

    private void Append(ReadOnlySpan<byte> source)
    {
        if (_heldLength + source.Length > _held.Length)
        {
            Array.Resize(ref _held, Math.Max(_held.Length * 2, _heldLength + source.Length));
        }

        source.CopyTo(_held.AsSpan(_heldLength));
        _heldLength += source.Length;
    }

    private int Take(Span<byte> destination)
    {
        int count = Math.Min(destination.Length, _readLength - _readPosition);
        _readBuffer.AsSpan(_readPosition, count).CopyTo(destination);
        _readPosition += count;
        return count;
    }
}

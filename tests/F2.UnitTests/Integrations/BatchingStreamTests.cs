using F2.Integrations.Mqtt;

namespace F2.Tests.Integrations;

public sealed class BatchingStreamTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(1, 7)]
    [InlineData(2, 64)]
    [InlineData(5, 1000)]
    [InlineData(300, 16)]
    public async Task ReadsInAnySizesGiveBackEveryByteInOrderThenTheEnd(int readSize, int bufferSize)
    {
        byte[] data = [.. Enumerable.Range(0, 10_000).Select(i => (byte)(i * 31))];
        using var stream = new BatchingStream(new TrickleStream(data, chunk: 97), bufferSize);

        var read = new List<byte>();
        var buffer = new byte[readSize];
        int count;
        while ((count = await stream.ReadAsync(buffer).AsTask().WaitAsync(Timeout)) > 0)
        {
            read.AddRange(buffer.AsSpan(0, count));
        }

        Assert.Equal(data, read);
        Assert.Equal(0, await stream.ReadAsync(buffer).AsTask().WaitAsync(Timeout));
    }

    [Fact]
    public async Task WritesGoStraightToTheInnerStream()
    {
        var inner = new CountingStream();
        using var stream = new BatchingStream(inner, 64);

        await stream.WriteAsync(new byte[] { 1, 2, 3 }).AsTask().WaitAsync(Timeout);
        await stream.WriteAsync(new byte[] { 4 }).AsTask().WaitAsync(Timeout);

        Assert.Equal([1, 2, 3, 4], inner.ToArray());
        Assert.Equal(2, inner.Writes);
    }

    [Fact]
    public async Task HeldWritesAreSentTogetherInOrderWhenTheLastHoldEnds()
    {
        var inner = new CountingStream();
        using var stream = new BatchingStream(inner, 64);

        stream.Hold();
        stream.Hold();
        for (byte b = 1; b <= 200; b++)
        {
            await stream.WriteAsync(new byte[] { b, b }).AsTask().WaitAsync(Timeout);
        }

        await stream.ReleaseAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal(0, inner.Writes);
        await stream.ReleaseAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal(1, inner.Writes);
        Assert.Equal(Enumerable.Range(1, 200).SelectMany(i => new[] { (byte)i, (byte)i }), inner.ToArray());
        await stream.WriteAsync(new byte[] { 7 }).AsTask().WaitAsync(Timeout);
        Assert.Equal(2, inner.Writes);
    }

    [Fact]
    public async Task HeldWritesToAClosedConnectionAreDroppedWithoutAnError()
    {
        var inner = new CountingStream();
        using var stream = new BatchingStream(inner, 64);
        stream.Hold();
        await stream.WriteAsync(new byte[] { 1 }).AsTask().WaitAsync(Timeout);
        inner.Dispose();

        await stream.ReleaseAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal(0, inner.Writes);
    }

    /// <summary>Counts the writes it receives.</summary>
    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(!CanWrite, this);
            Writes++;
            return base.WriteAsync(buffer, cancellationToken);
        }
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read, as a socket delivers a stream in segments.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}

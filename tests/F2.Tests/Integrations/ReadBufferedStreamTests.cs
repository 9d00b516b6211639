using F2.Integrations.Mqtt;

namespace F2.Tests.Integrations;

public sealed class ReadBufferedStreamTests
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
        using var stream = new ReadBufferedStream(new TrickleStream(data, chunk: 97), bufferSize);

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
        var inner = new MemoryStream();
        using var stream = new ReadBufferedStream(inner, 64);

        await stream.WriteAsync(new byte[] { 1, 2, 3 }).AsTask().WaitAsync(Timeout);

        Assert.Equal([1, 2, 3], inner.ToArray());
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read, as a socket delivers a stream in segments.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}

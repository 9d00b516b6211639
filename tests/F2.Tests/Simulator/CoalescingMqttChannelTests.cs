using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using F2.Simulator.Publishing;
using MQTTnet.Channel;
using MQTTnet.Exceptions;

namespace F2.Tests.Simulator;

public class CoalescingMqttChannelTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task PacketsWrittenWhileASendIsUnderWayGoOutTogetherInOrder()
    {
        var inner = new RecordingChannel();
        var channel = new CoalescingMqttChannel(inner);

        await Write(channel, "A");
        await inner.FirstSendStarted.Task.WaitAsync(Timeout);
        await Write(channel, "B");
        await Write(channel, "CD", endOfPacket: false);
        await Write(channel, "E");
        inner.ReleaseFirstSend.SetResult();
        await inner.WaitForBytesAsync(5).WaitAsync(Timeout);

        Assert.Equal(["A", "BCDE"], inner.Sends);
    }

    [Fact]
    public async Task ManySmallReadsAreServedFromOneReadOfTheSocket()
    {
        var inner = new RecordingChannel { Incoming = Encoding.ASCII.GetBytes("0123456789") };
        var channel = new CoalescingMqttChannel(inner);
        byte[] buffer = new byte[10];

        Assert.Equal(2, await channel.ReadAsync(buffer, 0, 2, CancellationToken.None).WaitAsync(Timeout));
        Assert.Equal(2, await channel.ReadAsync(buffer, 2, 2, CancellationToken.None).WaitAsync(Timeout));
        Assert.Equal(6, await channel.ReadAsync(buffer, 4, 6, CancellationToken.None).WaitAsync(Timeout));

        Assert.Equal("0123456789", Encoding.ASCII.GetString(buffer));
        Assert.Equal(1, inner.Reads);
    }

    [Fact]
    public async Task AFailedSendClosesTheConnectionAndLaterWritesThrow()
    {
        var inner = new RecordingChannel { SendFailure = new IOException("connection reset") };
        var channel = new CoalescingMqttChannel(inner);

        await Write(channel, "A");
        inner.ReleaseFirstSend.SetResult();
        await inner.Disposed.Task.WaitAsync(Timeout);

        await Assert.ThrowsAsync<MqttCommunicationException>(() => channel.WriteAsync(Sequence("B"), true, CancellationToken.None));
    }

    private static Task Write(CoalescingMqttChannel channel, string text, bool endOfPacket = true) =>
        channel.WriteAsync(Sequence(text), endOfPacket, CancellationToken.None).WaitAsync(Timeout);

    private static ReadOnlySequence<byte> Sequence(string text) => new(Encoding.ASCII.GetBytes(text));

    /// <summary>An in-memory channel: the first send waits until released; later sends complete at once.</summary>
    private sealed class RecordingChannel : IMqttChannel
    {
        private readonly Lock _gate = new();
        private int _sent;

        public List<string> Sends { get; } = [];

        public TaskCompletionSource FirstSendStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource ReleaseFirstSend { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Disposed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Exception? SendFailure { get; init; }

        public byte[] Incoming { get; init; } = [];

        public int Reads { get; private set; }

        public X509Certificate2? ClientCertificate => null;

        public EndPoint RemoteEndPoint { get; } = new IPEndPoint(IPAddress.Loopback, 1883);

        public EndPoint LocalEndPoint { get; } = new IPEndPoint(IPAddress.Loopback, 40000);

        public bool IsSecureConnection => false;

        public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DisconnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Reads++;
            int take = Math.Min(count, Incoming.Length);
            Incoming.AsSpan(0, take).CopyTo(buffer.AsSpan(offset));
            return Task.FromResult(take);
        }

        public async Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken)
        {
            string text = Encoding.ASCII.GetString(buffer.ToArray());
            bool first;
            lock (_gate)
            {
                first = Sends.Count == 0;
                Sends.Add(text);
            }

            if (first)
            {
                FirstSendStarted.SetResult();
                await ReleaseFirstSend.Task;
                if (SendFailure is not null)
                {
                    throw SendFailure;
                }
            }

            Interlocked.Add(ref _sent, text.Length);
        }

        public async Task WaitForBytesAsync(int count)
        {
            while (Volatile.Read(ref _sent) < count)
            {
                await Task.Delay(10);
            }
        }

        public void Dispose() => Disposed.TrySetResult();
    }
}

using System.Net;
using System.Net.Sockets;
using F2.DevKafka;
using Microsoft.Extensions.Logging.Abstractions;

namespace F2.Tests.Integrations;

public sealed class TcpForwarderTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener _echo = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task _echoLoop = Task.CompletedTask;

    public Task InitializeAsync()
    {
        _echo.Start();
        _echoLoop = EchoAsync(_stop.Token);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task BytesTravelBothWaysThroughTheForwarder()
    {
        await using TcpForwarder forwarder = StartForwarder();
        using var client = new TcpClient();
        await client.ConnectAsync(forwarder.ListenEndPoint).WaitAsync(Timeout);
        NetworkStream stream = client.GetStream();

        byte[] sent = new byte[200_000];
        Random.Shared.NextBytes(sent);
        Task sending = stream.WriteAsync(sent).AsTask();
        byte[] echoed = new byte[sent.Length];
        await stream.ReadExactlyAsync(echoed).AsTask().WaitAsync(Timeout);
        await sending.WaitAsync(Timeout);

        Assert.Equal(sent, echoed);
        Assert.True(forwarder.IsListening);
    }

    [Fact]
    public async Task DisposingClosesOpenConnectionsAndWaitsForThem()
    {
        TcpForwarder forwarder = StartForwarder();
        using var client = new TcpClient();
        await client.ConnectAsync(forwarder.ListenEndPoint).WaitAsync(Timeout);
        await client.GetStream().WriteAsync(new byte[] { 1 }).AsTask().WaitAsync(Timeout);
        Assert.Equal(1, await client.GetStream().ReadAsync(new byte[1]).AsTask().WaitAsync(Timeout));

        await forwarder.DisposeAsync().AsTask().WaitAsync(Timeout);

        Assert.False(forwarder.IsListening);
        Assert.Equal(0, forwarder.ActiveConnections);
        int read = await ReadOrResetAsync(client.GetStream()).WaitAsync(Timeout);
        Assert.Equal(0, read);
    }

    [Fact]
    public async Task AnInterruptedForwarderClosesOpenConnectionsAndRefusesNewOnesUntilResumed()
    {
        await using TcpForwarder forwarder = StartForwarder();
        using var open = new TcpClient();
        await open.ConnectAsync(forwarder.ListenEndPoint).WaitAsync(Timeout);
        await open.GetStream().WriteAsync(new byte[] { 1 }).AsTask().WaitAsync(Timeout);
        Assert.Equal(1, await open.GetStream().ReadAsync(new byte[1]).AsTask().WaitAsync(Timeout));

        forwarder.Interrupt();

        Assert.True(forwarder.IsInterrupted);
        Assert.Equal(0, await ReadOrResetAsync(open.GetStream()).WaitAsync(Timeout));
        Assert.True(await IsRefusedAsync(forwarder.ListenEndPoint).WaitAsync(Timeout));

        forwarder.Resume();

        using var resumed = new TcpClient();
        await resumed.ConnectAsync(forwarder.ListenEndPoint).WaitAsync(Timeout);
        await resumed.GetStream().WriteAsync(new byte[] { 2 }).AsTask().WaitAsync(Timeout);
        byte[] echoed = new byte[1];
        await resumed.GetStream().ReadExactlyAsync(echoed).AsTask().WaitAsync(Timeout);
        Assert.Equal(2, echoed[0]);
        Assert.False(forwarder.IsInterrupted);
    }

    [Fact]
    public async Task ATakenPortFailsAtStart()
    {
        await using TcpForwarder first = StartForwarder();

        Assert.Throws<SocketException>(() => TcpForwarder.Start(
            first.ListenEndPoint, (IPEndPoint)_echo.LocalEndpoint, 4, NullLogger.Instance));
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _echo.Stop();
        await _echoLoop.WaitAsync(Timeout);
        _stop.Dispose();
    }

    private TcpForwarder StartForwarder() => TcpForwarder.Start(
        new IPEndPoint(IPAddress.Loopback, 0), (IPEndPoint)_echo.LocalEndpoint, maxConnections: 4, NullLogger.Instance);

    /// <summary>True when a new connection is reset, at connect or at its first read.</summary>
    private static async Task<bool> IsRefusedAsync(IPEndPoint endPoint)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(endPoint);
        }
        catch (SocketException)
        {
            return true;
        }

        return await ReadOrResetAsync(client.GetStream()) == 0;
    }

    private static async Task<int> ReadOrResetAsync(NetworkStream stream)
    {
        try
        {
            return await stream.ReadAsync(new byte[1]);
        }
        catch (IOException)
        {
            return 0; // a reset is as closed as an orderly close
        }
    }

    private async Task EchoAsync(CancellationToken stopping)
    {
        var connections = new List<Task>();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                TcpClient accepted = await _echo.AcceptTcpClientAsync(stopping);
                connections.Add(EchoOneAsync(accepted, stopping));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(connections);
    }

    private static async Task EchoOneAsync(TcpClient accepted, CancellationToken stopping)
    {
        using (accepted)
        {
            try
            {
                await accepted.GetStream().CopyToAsync(accepted.GetStream(), stopping);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace F2.DevKafka;

/// <summary>
/// Forwards every TCP connection accepted on one endpoint to a target endpoint, byte for byte, both ways.
/// At most <c>maxConnections</c> are served at once (the rest wait in the listen backlog). Every connection is a
/// tracked task: <see cref="DisposeAsync"/> stops accepting, closes the connections and waits for all of them.
/// <see cref="Interrupt"/> and <see cref="Resume"/> cut and restore the path (for fault injection: the target
/// becomes unreachable to whoever connects through the forwarder, without touching the target itself).
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly Socket _listener;
    private readonly IPEndPoint _target;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private readonly Task _acceptLoop;
    private readonly Lock _interruptGate = new();
    private CancellationTokenSource _interrupted = new();
    private bool _refusing;
    private long _nextConnectionId;

    private TcpForwarder(Socket listener, IPEndPoint target, int maxConnections, ILogger logger)
    {
        _listener = listener;
        _target = target;
        _logger = logger;
        _slots = new SemaphoreSlim(maxConnections, maxConnections);
        ListenEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync(_stopping.Token);
    }

    /// <summary>Where the forwarder listens (the actual port when 0 was asked for).</summary>
    public IPEndPoint ListenEndPoint { get; }

    public IPEndPoint Target => _target;

    /// <summary>True until the accept loop ends (on dispose, or if the listening socket fails).</summary>
    public bool IsListening => !_acceptLoop.IsCompleted;

    public int ActiveConnections => _connections.Count;

    /// <summary>True between <see cref="Interrupt"/> and <see cref="Resume"/>.</summary>
    public bool IsInterrupted
    {
        get
        {
            lock (_interruptGate)
            {
                return _refusing;
            }
        }
    }

    /// <summary>
    /// Cuts the path: closes every open connection and, until <see cref="Resume"/>, resets each new one as soon as
    /// it is accepted, so a client fails at once instead of waiting on a timeout.
    /// </summary>
    public void Interrupt()
    {
        lock (_interruptGate)
        {
            _refusing = true;
            _interrupted.Cancel();
        }
    }

    /// <summary>Forwards new connections again after <see cref="Interrupt"/>.</summary>
    public void Resume()
    {
        lock (_interruptGate)
        {
            if (_refusing)
            {
                _refusing = false;
                _interrupted.Dispose();
                _interrupted = new CancellationTokenSource();
            }
        }
    }

    /// <summary>Binds <paramref name="listenOn"/> now (so a taken port fails here) and starts accepting.</summary>
    public static TcpForwarder Start(IPEndPoint listenOn, IPEndPoint target, int maxConnections, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(listenOn);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConnections, 1);
        var listener = new Socket(listenOn.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(listenOn);
            listener.Listen(backlog: 128);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return new TcpForwarder(listener, target, maxConnections, logger);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        _stopping.Dispose();
        _slots.Dispose();
        _interrupted.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken stopping)
    {
        await Task.Yield(); // return to Start's caller before the first accept
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await _slots.WaitAsync(stopping).ConfigureAwait(false);
                Socket client;
                try
                {
                    client = await _listener.AcceptAsync(stopping).ConfigureAwait(false);
                }
                catch
                {
                    _slots.Release();
                    throw;
                }

                if (!TryJoinCurrentPath(out CancellationToken interrupted))
                {
                    Reset(client);
                    _slots.Release();
                    continue;
                }

                // Registered before it starts, so it cannot finish (and unregister) first.
                long id = Interlocked.Increment(ref _nextConnectionId);
                var forwarding = new Task<Task>(() => ForwardAsync(id, client, interrupted, stopping));
                _connections[id] = forwarding.Unwrap();
                forwarding.Start(TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (stopping.IsCancellationRequested)
        {
        }
        catch (SocketException e)
        {
            Log.ForwarderStopped(_logger, ListenEndPoint, e.SocketErrorCode);
        }
    }

    /// <summary>False while interrupted; otherwise the token that <see cref="Interrupt"/> cancels.</summary>
    private bool TryJoinCurrentPath(out CancellationToken interrupted)
    {
        lock (_interruptGate)
        {
            interrupted = _refusing ? CancellationToken.None : _interrupted.Token;
            return !_refusing;
        }
    }

    /// <summary>Closes with a reset (linger 0), as a dropped path looks to the client.</summary>
    private static void Reset(Socket client)
    {
        client.LingerState = new LingerOption(enable: true, seconds: 0);
        client.Dispose();
    }

    private async Task ForwardAsync(long id, Socket client, CancellationToken interrupted, CancellationToken stopping)
    {
        using var upstream = new Socket(_target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stopping, interrupted);
        try
        {
            client.NoDelay = true;
            upstream.NoDelay = true;
            await upstream.ConnectAsync(_target, connection.Token).ConfigureAwait(false);
            await Task.WhenAll(
                PumpAsync(client, upstream, connection),
                PumpAsync(upstream, client, connection)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            if (!stopping.IsCancellationRequested)
            {
                Log.ForwardedConnectionFailed(_logger, client.RemoteEndPoint?.ToString() ?? "?", _target, e.Message);
            }
        }
        finally
        {
            if (interrupted.IsCancellationRequested)
            {
                Reset(client);
            }
            else
            {
                client.Dispose();
            }

            _connections.TryRemove(id, out _);
            _slots.Release();
        }
    }

    /// <summary>Copies until the source closes, then half-closes the destination; any failure ends both directions.</summary>
    private static async Task PumpAsync(Socket source, Socket destination, CancellationTokenSource connection)
    {
        byte[] buffer = new byte[BufferSize];
        try
        {
            while (!connection.IsCancellationRequested)
            {
                int read = await source.ReceiveAsync(buffer, SocketFlags.None, connection.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    destination.Shutdown(SocketShutdown.Send);
                    return;
                }

                await destination.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, connection.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            await connection.CancelAsync().ConfigureAwait(false);
            if (e is SocketException)
            {
                throw;
            }
        }
    }
}

using System.Buffers;
using System.Net.Sockets;
using System.Security.Authentication;
using F2.Integrations;
using F2.Simulator.Generation;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace F2.Simulator.Publishing;

/// <summary>
/// One MQTT v5 publishing connection (clean start) that outlives broker restarts. The publisher's thread appends
/// publishes (<see cref="Publish"/>) and writes them out together (<see cref="Flush"/>); the connection's own thread
/// connects, reads the broker's acknowledgements through a <see cref="BrokerSession"/> and, when the connection
/// drops, counts every publish in flight as failed (none is resent) and reconnects with backoff (0.25 s doubling to
/// 30 s). A message counts as published when the broker acknowledged it (PUBACK, or PUBCOMP at QoS 2, without an
/// error reason) or, at QoS 0, when it was written.
/// </summary>
internal sealed class PublisherConnection : IAsyncDisposable
{
    private static readonly TimeSpan FirstReconnectDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);

    private readonly MqttClientOptions _options;
    private readonly MqttQualityOfServiceLevel _qos;
    private readonly int _maxInFlight;
    private readonly PublishRecorder _recorder;
    private readonly ILogger _logger;
    private readonly Action _roomFreed;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<bool> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ArrayBufferWriter<byte> _outgoing = new(64 * 1024);
    private readonly List<PendingPublish> _unacknowledged = [];
    private volatile BrokerSession? _session;
    private BrokerSession? _outgoingSession;

    public PublisherConnection(
        MqttClientOptions options, MqttQualityOfServiceLevel qos, int maxInFlight, SimulatorTelemetry telemetry, ILogger logger, Action roomFreed)
    {
        _options = options;
        _qos = qos;
        _maxInFlight = maxInFlight;
        _recorder = new PublishRecorder(telemetry, logger);
        _logger = logger;
        _roomFreed = roomFreed;
    }

    public string ClientId => _options.ClientId;

    /// <summary>Publishes in flight at most on the current connection: <see cref="SimulatorOptions.MaxInFlight"/>, within the broker's Receive Maximum at QoS 1 and 2.</summary>
    public int InFlightLimit => _session?.Window.Size ?? 0;

    /// <summary>Publishes awaiting their acknowledgement.</summary>
    public int InFlight => _session?.Window.Count ?? 0;

    /// <summary>How many more publishes the connection takes now (0 while it is down).</summary>
    public int Room => _session is { } session
        ? session.Window.Size - (_qos == MqttQualityOfServiceLevel.AtMostOnce ? _unacknowledged.Count : session.Window.Count)
        : 0;

    /// <summary>Whether a failure is the connection's (retry, reconnect), not a bug.</summary>
    public static bool IsConnectionFailure(Exception ex) =>
        ex is MqttCommunicationException or MqttProtocolViolationException or SocketException or IOException or ObjectDisposedException
            or AuthenticationException or OperationCanceledException;

    /// <summary>Starts the connection's thread; true once connected, false when every one of <paramref name="attempts"/> failed.</summary>
    public Task<bool> StartAsync(int attempts, TimeSpan firstDelay, CancellationToken cancellationToken)
    {
        var thread = new Thread(() => Run(attempts, firstDelay, cancellationToken)) { IsBackground = true, Name = ClientId };
        thread.Start();
        return _connected.Task;
    }

    /// <summary>Encodes a publish into the outgoing bytes (publisher thread only); call when <see cref="Room"/> is above 0.</summary>
    public void Publish(SimulatedMessage message, PacketEncoder encoder)
    {
        BrokerSession? session = _session;
        if (_outgoingSession is not null && _outgoingSession != session)
        {
            // The connection was lost since the last flush: its publishes in flight were failed with it.
            DropOutgoing(new MqttCommunicationException("The connection was lost."));
        }

        var publish = new PendingPublish(message.Topic, TraceContext.StartPublish(message, ClientId));
        ushort packetIdentifier = 0;
        if (session is null || (_qos != MqttQualityOfServiceLevel.AtMostOnce && !session.Window.TryAdd(publish, out packetIdentifier)))
        {
            _recorder.Failed(publish, nameof(MqttCommunicationException), new MqttCommunicationException("The connection was lost."));
            return;
        }

        _outgoingSession = session;
        encoder.WritePublish(message, packetIdentifier, publish.Span, _outgoing);
        if (_qos == MqttQualityOfServiceLevel.AtMostOnce)
        {
            _unacknowledged.Add(publish);
        }
    }

    /// <summary>Writes the outgoing publishes in one go, and a PINGREQ when nothing was sent for half the keep-alive period (publisher thread only).</summary>
    public void Flush(PacketEncoder encoder)
    {
        BrokerSession? session = _outgoingSession ?? _session;
        if (session is not null && _outgoing.WrittenCount == 0 && session.KeepAlive > TimeSpan.Zero && session.SinceLastSent >= session.KeepAlive / 2)
        {
            encoder.Write(MqttPingReqPacket.Instance, _outgoing);
        }

        if (session is null || _outgoing.WrittenCount == 0)
        {
            return;
        }

        try
        {
            session.Connection.Write(_outgoing.WrittenSpan);
            session.Sent();
            foreach (PendingPublish publish in _unacknowledged)
            {
                PublishRecorder.Succeeded(publish);
            }

            _recorder.Published(_unacknowledged.Count);
            _outgoing.ResetWrittenCount();
            _unacknowledged.Clear();
            _outgoingSession = null;
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            // At QoS 1 and 2 the connection's thread fails the publishes in flight when it sees the connection gone.
            DropOutgoing(ex);
            session.Lose(ex);
        }
    }

    /// <summary>Throws the failure that ended the connection's thread, if one did (a bug).</summary>
    public void ThrowIfFaulted()
    {
        if (_exited.Task.IsFaulted)
        {
            _exited.Task.GetAwaiter().GetResult();
        }
    }

    /// <summary>Says goodbye (DISCONNECT, then close) and stops the connection's thread; waits until it has ended.</summary>
    public async Task CloseAsync(PacketEncoder encoder)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_session is { } session)
        {
            try
            {
                var bytes = new ArrayBufferWriter<byte>();
                encoder.Write(new MqttDisconnectPacket { ReasonCode = MqttDisconnectReasonCode.NormalDisconnection }, bytes);
                session.Connection.Write(bytes.WrittenSpan);
            }
            catch (Exception ex) when (IsConnectionFailure(ex))
            {
                // Already gone.
            }

            session.Lose(new ObjectDisposedException(ClientId));
        }

        await _exited.Task.ConfigureAwait(false);
    }

    /// <summary>Closes the connection without a goodbye and waits until its thread has ended.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _session?.Lose(new ObjectDisposedException(ClientId));
        if (_connected.Task.IsCompleted)
        {
            await _exited.Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>The connection's thread: connect (with attempts), then receive, and reconnect whenever the connection drops.</summary>
    private void Run(int attempts, TimeSpan firstDelay, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var encoder = new PacketEncoder(_qos);
        try
        {
            if (!ConnectWithAttempts(attempts, firstDelay, encoder, stopping.Token))
            {
                _connected.TrySetResult(false);
                return;
            }

            _connected.TrySetResult(true);
            while (!stopping.IsCancellationRequested)
            {
                BrokerSession session = _session!;
                session.ReceiveUntilLost(encoder, _roomFreed);
                _session = null;
                _roomFreed();
                Reconnect(session.LossCause!, encoder, stopping.Token);
            }
        }
        catch (Exception ex)
        {
            // A bug: the publisher's thread rethrows it (ThrowIfFaulted), and the simulator stops with exit code 1.
            _connected.TrySetException(ex);
            _exited.TrySetException(ex);
        }
        finally
        {
            _exited.TrySetResult();
        }
    }

    private bool ConnectWithAttempts(int attempts, TimeSpan firstDelay, PacketEncoder encoder, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            if (TryConnect(encoder, cancellationToken, out Exception? failure))
            {
                return true;
            }

            if (attempt >= attempts || cancellationToken.IsCancellationRequested)
            {
                Log.ConnectAttemptFailed(_logger, ClientId, attempt, attempts, TimeSpan.Zero, failure!);
                return false;
            }

            TimeSpan delay = Backoff.Delay(attempt, firstDelay, MaxReconnectDelay);
            Log.ConnectAttemptFailed(_logger, ClientId, attempt, attempts, delay, failure!);
            cancellationToken.WaitHandle.WaitOne(delay);
        }
    }

    private void Reconnect(Exception cause, PacketEncoder encoder, CancellationToken cancellationToken)
    {
        for (int attempt = 1; !cancellationToken.IsCancellationRequested; attempt++)
        {
            TimeSpan delay = Backoff.Delay(attempt, FirstReconnectDelay, MaxReconnectDelay);
            Log.Reconnecting(_logger, ClientId, attempt, delay, attempt == 1 ? cause : null);
            if (cancellationToken.WaitHandle.WaitOne(delay))
            {
                return;
            }

            if (TryConnect(encoder, cancellationToken, out Exception? failure))
            {
                Log.Reconnected(_logger, ClientId);
                _roomFreed();
                return;
            }

            cause = failure!;
        }
    }

    private bool TryConnect(PacketEncoder encoder, CancellationToken cancellationToken, out Exception? failure)
    {
        try
        {
            _session = BrokerSession.Open(_options, _qos, _maxInFlight, encoder, _recorder, cancellationToken);
            failure = null;
            return true;
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            failure = ex;
            return false;
        }
    }

    /// <summary>Forgets the outgoing bytes; their QoS 0 publishes fail (those at QoS 1 and 2 fail with their window).</summary>
    private void DropOutgoing(Exception cause)
    {
        foreach (PendingPublish publish in _unacknowledged)
        {
            _recorder.Failed(publish, cause.GetType().Name, cause);
        }

        _outgoing.ResetWrittenCount();
        _unacknowledged.Clear();
        _outgoingSession = null;
    }
}

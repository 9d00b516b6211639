using System.Buffers;
using System.Diagnostics;
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
/// connects, reads the broker's acknowledgements and completes each publish by packet identifier, and when the
/// connection drops it counts every publish in flight as failed (none is resent) and reconnects with backoff
/// (0.25 s doubling to 30 s). A message counts as published when the broker acknowledged it (PUBACK, or PUBCOMP at
/// QoS 2, without an error reason) or, at QoS 0, when it was written.
/// </summary>
internal sealed class PublisherConnection : IAsyncDisposable
{
    private static readonly TimeSpan FirstReconnectDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);

    private readonly MqttClientOptions _options;
    private readonly MqttQualityOfServiceLevel _qos;
    private readonly int _maxInFlight;
    private readonly SimulatorTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly Action _roomFreed;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<bool> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ArrayBufferWriter<byte> _outgoing = new(64 * 1024);
    private readonly List<PendingPublish> _unacknowledged = [];
    private volatile Link? _link;
    private Link? _outgoingLink;

    public PublisherConnection(
        MqttClientOptions options, MqttQualityOfServiceLevel qos, int maxInFlight, SimulatorTelemetry telemetry, ILogger logger, Action roomFreed)
    {
        _options = options;
        _qos = qos;
        _maxInFlight = maxInFlight;
        _telemetry = telemetry;
        _logger = logger;
        _roomFreed = roomFreed;
    }

    public string ClientId => _options.ClientId;

    /// <summary>Publishes in flight at most on the current connection: <see cref="SimulatorOptions.MaxInFlight"/>, within the broker's Receive Maximum at QoS 1 and 2.</summary>
    public int InFlightLimit => _link?.Window.Size ?? 0;

    /// <summary>Publishes awaiting their acknowledgement.</summary>
    public int InFlight => _link?.Window.Count ?? 0;

    /// <summary>How many more publishes the connection takes now (0 while it is down).</summary>
    public int Room => _link is { } link ? link.Window.Size - (_qos == MqttQualityOfServiceLevel.AtMostOnce ? _unacknowledged.Count : link.Window.Count) : 0;

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
        Link? link = _link;
        if (_outgoingLink is not null && _outgoingLink != link)
        {
            // The connection was lost since the last flush: its publishes in flight were failed with it.
            DropOutgoing(new MqttCommunicationException("The connection was lost."));
        }

        var publish = new PendingPublish(message.Topic, TraceContext.StartPublish(message, ClientId));
        ushort packetIdentifier = 0;
        if (link is null || (_qos != MqttQualityOfServiceLevel.AtMostOnce && !link.Window.TryAdd(publish, out packetIdentifier)))
        {
            Fail(publish, nameof(MqttCommunicationException), new MqttCommunicationException("The connection was lost."));
            return;
        }

        _outgoingLink = link;
        encoder.WritePublish(message, packetIdentifier, publish.Span, _outgoing);
        if (_qos == MqttQualityOfServiceLevel.AtMostOnce)
        {
            _unacknowledged.Add(publish);
        }
    }

    /// <summary>Writes the outgoing publishes in one go, and a PINGREQ when nothing was sent for half the keep-alive period (publisher thread only).</summary>
    public void Flush(PacketEncoder encoder)
    {
        Link? link = _outgoingLink ?? _link;
        if (link is not null && _outgoing.WrittenCount == 0 && Environment.TickCount64 - link.LastSent >= link.KeepAliveMilliseconds / 2)
        {
            encoder.Write(MqttPingReqPacket.Instance, _outgoing);
        }

        if (link is null || _outgoing.WrittenCount == 0)
        {
            return;
        }

        try
        {
            link.Connection.Write(_outgoing.WrittenSpan);
            link.LastSent = Environment.TickCount64;
            foreach (PendingPublish publish in _unacknowledged)
            {
                Succeed(publish);
            }

            _telemetry.RecordPublished(_unacknowledged.Count);
            _outgoing.ResetWrittenCount();
            _unacknowledged.Clear();
            _outgoingLink = null;
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            // At QoS 1 and 2 the connection's thread fails the publishes in flight when it sees the connection gone.
            DropOutgoing(ex);
            link.Lose(ex);
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
        if (_link is { } link)
        {
            try
            {
                var bytes = new ArrayBufferWriter<byte>();
                encoder.Write(new MqttDisconnectPacket { ReasonCode = MqttDisconnectReasonCode.NormalDisconnection }, bytes);
                link.Connection.Write(bytes.WrittenSpan);
            }
            catch (Exception ex) when (IsConnectionFailure(ex))
            {
                // Already gone.
            }

            link.Lose(new ObjectDisposedException(ClientId));
        }

        await _exited.Task.ConfigureAwait(false);
    }

    /// <summary>Closes the connection without a goodbye and waits until its thread has ended.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _link?.Lose(new ObjectDisposedException(ClientId));
        if (_connected.Task.IsCompleted)
        {
            await _exited.Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static bool IsConnectionFailure(Exception ex) =>
        ex is MqttCommunicationException or MqttProtocolViolationException or SocketException or IOException or ObjectDisposedException
            or AuthenticationException or OperationCanceledException;

    private void Run(int attempts, TimeSpan firstDelay, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var encoder = new PacketEncoder(_qos);
        try
        {
            Exception? cause = null;
            for (int attempt = 1; _link is null; attempt++)
            {
                if (!TryConnect(encoder, stopping.Token, out cause))
                {
                    if (attempt >= attempts || stopping.IsCancellationRequested)
                    {
                        Log.ConnectAttemptFailed(_logger, ClientId, attempt, attempts, TimeSpan.Zero, cause!);
                        _connected.TrySetResult(false);
                        return;
                    }

                    TimeSpan delay = Backoff.Delay(attempt, firstDelay, MaxReconnectDelay);
                    Log.ConnectAttemptFailed(_logger, ClientId, attempt, attempts, delay, cause!);
                    stopping.Token.WaitHandle.WaitOne(delay);
                }
            }

            _connected.TrySetResult(true);
            while (!stopping.IsCancellationRequested)
            {
                Link link = _link!;
                cause = Receive(link, encoder);
                link.Lose(cause);
                _link = null;
                foreach (PendingPublish publish in link.Window.Close())
                {
                    Fail(publish, link.LossCause!.GetType().Name, link.LossCause);
                }

                _roomFreed();
                Reconnect(link.LossCause!, encoder, stopping.Token);
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

    /// <summary>Reads the broker's packets until the connection ends; returns why it ended.</summary>
    private Exception Receive(Link link, PacketEncoder encoder)
    {
        try
        {
            for (; ; )
            {
                int published = 0;
                while (link.Connection.TryTakeReceived(encoder.Formatter, out MqttPacket packet))
                {
                    switch (packet)
                    {
                        case MqttPubAckPacket ack:
                            published += Complete(link, ack.PacketIdentifier, ack.ReasonCode is MqttPubAckReasonCode.Success or MqttPubAckReasonCode.NoMatchingSubscribers ? null : ack.ReasonCode.ToString());
                            break;
                        case MqttPubRecPacket received when received.ReasonCode is MqttPubRecReasonCode.Success or MqttPubRecReasonCode.NoMatchingSubscribers:
                            // QoS 2, second step: the publish completes with the broker's PUBCOMP.
                            var release = new ArrayBufferWriter<byte>();
                            encoder.Write(new MqttPubRelPacket { PacketIdentifier = received.PacketIdentifier }, release);
                            link.Connection.Write(release.WrittenSpan);
                            break;
                        case MqttPubRecPacket received:
                            published += Complete(link, received.PacketIdentifier, received.ReasonCode.ToString());
                            break;
                        case MqttPubCompPacket completed:
                            published += Complete(link, completed.PacketIdentifier, completed.ReasonCode == MqttPubCompReasonCode.Success ? null : completed.ReasonCode.ToString());
                            break;
                        case MqttPingRespPacket:
                            break;
                        case MqttDisconnectPacket disconnect:
                            return new MqttCommunicationException($"The broker disconnected ({disconnect.ReasonCode}).");
                        default:
                            return new MqttProtocolViolationException($"Unexpected packet from the broker: {packet}.");
                    }
                }

                if (published > 0)
                {
                    _telemetry.RecordPublished(published);
                    _roomFreed();
                }

                // Let acknowledgements gather for a millisecond (one wake-up for many) unless the window is filling up.
                int inFlight = link.Window.Count;
                if (inFlight > 0 && inFlight <= link.Window.Size / 2)
                {
                    Thread.Sleep(1);
                }

                link.Connection.Receive();
            }
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            return ex;
        }
    }

    /// <summary>Completes the publish sent with <paramref name="packetIdentifier"/>: 1 when it was published, 0 when it failed.</summary>
    private int Complete(Link link, ushort packetIdentifier, string? failure)
    {
        if (!link.Window.TryComplete(packetIdentifier, out PendingPublish publish))
        {
            throw new MqttProtocolViolationException($"The broker acknowledged packet {packetIdentifier}, which is not in flight.");
        }

        if (failure is not null)
        {
            Fail(publish, failure, exception: null);
            return 0;
        }

        Succeed(publish);
        return 1;
    }

    private bool TryConnect(PacketEncoder encoder, CancellationToken cancellationToken, out Exception? failure)
    {
        try
        {
            BrokerConnection connection = BrokerConnection.Open(_options, encoder.Formatter, cancellationToken);
            MqttClientConnectResult result = connection.Result;
            int receiveMaximum = result.ReceiveMaximum is > 0 and ushort maximum ? maximum : ushort.MaxValue;
            TimeSpan keepAlive = result.ServerKeepAlive > 0 ? TimeSpan.FromSeconds(result.ServerKeepAlive) : _options.KeepAlivePeriod;
            _link = new Link(
                connection,
                new InFlightWindow(_qos == MqttQualityOfServiceLevel.AtMostOnce ? _maxInFlight : Math.Min(_maxInFlight, receiveMaximum)),
                keepAlive > TimeSpan.Zero ? (long)keepAlive.TotalMilliseconds : long.MaxValue);
            failure = null;
            return true;
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            failure = ex;
            return false;
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

    /// <summary>Forgets the outgoing bytes; their QoS 0 publishes fail (those at QoS 1 and 2 fail with their window).</summary>
    private void DropOutgoing(Exception cause)
    {
        foreach (PendingPublish publish in _unacknowledged)
        {
            Fail(publish, cause.GetType().Name, cause);
        }

        _outgoing.ResetWrittenCount();
        _unacknowledged.Clear();
        _outgoingLink = null;
    }

    private static void Succeed(PendingPublish publish) => publish.Span?.Stop();

    private void Fail(PendingPublish publish, string errorType, Exception? exception)
    {
        _telemetry.RecordFailure(errorType);
        publish.Span?.SetStatus(ActivityStatusCode.Error, errorType);
        publish.Span?.Stop();
        Log.PublishFailed(_logger, publish.Topic, errorType, exception);
    }

    /// <summary>One live network connection and the publishes in flight on it.</summary>
    private sealed class Link(BrokerConnection connection, InFlightWindow window, long keepAliveMilliseconds)
    {
        private Exception? _lossCause;

        public BrokerConnection Connection { get; } = connection;

        public InFlightWindow Window { get; } = window;

        public long KeepAliveMilliseconds { get; } = keepAliveMilliseconds;

        public long LastSent { get; set; } = Environment.TickCount64;

        public Exception? LossCause => Volatile.Read(ref _lossCause);

        /// <summary>Records why the connection is lost (the first cause wins) and closes it, which ends a blocked read.</summary>
        public void Lose(Exception cause)
        {
            Interlocked.CompareExchange(ref _lossCause, cause, null);
            Connection.Dispose();
        }
    }
}

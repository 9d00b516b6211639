using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace F2.Tests.Simulator;

/// <summary>
/// A scripted MQTT v5 broker for the publisher's tests, on a free loopback port, built on MQTTnet's server-side channel
/// adapter. It answers CONNECT with the chosen Receive Maximum and keep-alive, records every PUBLISH and answers it
/// as told (PUBACK with a chosen reason code, after a delay, or not at all until <see cref="DropConnections"/>),
/// handles the QoS 2 exchange and PINGREQ, and tracks the most publishes a connection had unacknowledged at once.
/// </summary>
internal sealed class FakeBroker : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<MqttChannelAdapter, byte> _clients = new();
    private readonly Task _accepting;
    private int _maxInFlight;
    private int _pings;
    private int _connects;

    public FakeBroker()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string ConnectionString => $"mqtt://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>When set, clients must speak TLS, and the broker presents this certificate.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>The Receive Maximum announced in CONNACK (0: none, so the protocol's 65,535).</summary>
    public ushort ReceiveMaximum { get; init; }

    /// <summary>The keep-alive the broker imposes in CONNACK, in seconds (0: the client's).</summary>
    public ushort ServerKeepAlive { get; init; }

    /// <summary>How long to wait before acknowledging a publish.</summary>
    public TimeSpan AckDelay { get; init; }

    /// <summary>The reason code of each publish's acknowledgement (PUBACK, or PUBREC at QoS 2); null: never acknowledge it.</summary>
    public Func<MqttPublishPacket, MqttPubAckReasonCode?> Acknowledge { get; set; } = _ => MqttPubAckReasonCode.Success;

    public ConcurrentQueue<MqttPublishPacket> Published { get; } = new();

    /// <summary>PUBREL packets received (QoS 2).</summary>
    public ConcurrentQueue<ushort> Released { get; } = new();

    /// <summary>The most publishes one connection had unacknowledged at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int Pings => Volatile.Read(ref _pings);

    public int Connects => Volatile.Read(ref _connects);

    /// <summary>Closes every client connection (as a broker restart would); clients may connect again.</summary>
    public void DropConnections()
    {
        foreach (MqttChannelAdapter client in _clients.Keys)
        {
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropConnections();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var serving = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket socket = await _listener.AcceptSocketAsync(_stop.Token);
                Stream stream = new NetworkStream(socket, ownsSocket: true);
                if (Certificate is not null)
                {
                    var tls = new SslStream(stream);
                    try
                    {
                        await tls.AuthenticateAsServerAsync(Certificate).WaitAsync(TimeSpan.FromSeconds(10), _stop.Token);
                    }
                    catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or TimeoutException)
                    {
                        await tls.DisposeAsync();
                        continue;
                    }

                    stream = tls;
                }

                var adapter = new MqttChannelAdapter(
                    new MqttTcpChannel(stream, socket.LocalEndPoint!, socket.RemoteEndPoint!, null!),
                    new MqttPacketFormatterAdapter(new MqttBufferWriter(4096, 65535)),
                    MqttNetNullLogger.Instance);
                _clients[adapter] = 0;
                serving.Add(ServeAsync(adapter));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }

        await Task.WhenAll(serving).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ServeAsync(MqttChannelAdapter client)
    {
        int inFlight = 0;
        var acknowledging = new List<Task>();
        using var sending = new SemaphoreSlim(1, 1);
        async Task SendAsync(MqttPacket packet)
        {
            await sending.WaitAsync();
            try
            {
                await client.SendPacketAsync(packet, CancellationToken.None);
            }
            finally
            {
                sending.Release();
            }
        }

        try
        {
            while (await client.ReceivePacketAsync(_stop.Token) is { } packet)
            {
                switch (packet)
                {
                    case MqttConnectPacket:
                        Interlocked.Increment(ref _connects);
                        await SendAsync(new MqttConnAckPacket
                        {
                            ReasonCode = MqttConnectReasonCode.Success,
                            ReceiveMaximum = ReceiveMaximum,
                            ServerKeepAlive = ServerKeepAlive,
                        });
                        break;
                    case MqttPublishPacket publish:
                        Published.Enqueue(publish);
                        int now = Interlocked.Increment(ref inFlight);
                        InterlockedMax(ref _maxInFlight, now);
                        if (Acknowledge(publish) is { } reason)
                        {
                            acknowledging.Add(AcknowledgeLaterAsync(publish, reason));
                        }

                        break;
                    case MqttPubRelPacket release:
                        Released.Enqueue(release.PacketIdentifier);
                        await SendAsync(new MqttPubCompPacket { PacketIdentifier = release.PacketIdentifier });
                        break;
                    case MqttPingReqPacket:
                        Interlocked.Increment(ref _pings);
                        await SendAsync(MqttPingRespPacket.Instance);
                        break;
                    case MqttDisconnectPacket:
                        return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            // The connection is gone.
        }
        finally
        {
            _clients.TryRemove(client, out _);
            client.Dispose();
            await Task.WhenAll(acknowledging);
        }

        async Task AcknowledgeLaterAsync(MqttPublishPacket publish, MqttPubAckReasonCode reason)
        {
            if (AckDelay > TimeSpan.Zero)
            {
                await Task.Delay(AckDelay);
            }

            Interlocked.Decrement(ref inFlight);
            try
            {
                await SendAsync(publish.QualityOfServiceLevel == MqttQualityOfServiceLevel.ExactlyOnce
                    ? new MqttPubRecPacket { PacketIdentifier = publish.PacketIdentifier, ReasonCode = (MqttPubRecReasonCode)reason }
                    : new MqttPubAckPacket { PacketIdentifier = publish.PacketIdentifier, ReasonCode = reason });
            }
            catch (Exception ex) when (ex is ObjectDisposedException or MQTTnet.Exceptions.MqttCommunicationException)
            {
                // The connection is gone.
            }
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (int current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}

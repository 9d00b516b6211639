using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Packets;

namespace F2.Simulator.Publishing;

/// <summary>
/// One MQTT v5 network connection with blocking I/O: TCP, or TLS when the options ask for it (target host,
/// protocols, revocation, trust chain, client certificates and validation handler as MQTTnet's TCP channel uses them),
/// and the handshake (CONNECT, then CONNACK within <see cref="MqttClientOptions.Timeout"/>). MQTTnet encodes and
/// decodes the packets. The socket is never used asynchronously: on Linux, a socket that did one asynchronous
/// operation hands even its blocking reads to the runtime's event thread, a thread hand-off per read. One thread
/// may read while others write; writes are serialised.
/// </summary>
internal sealed class BrokerConnection : IDisposable
{
    private const int ReceiveBufferBytes = 64 * 1024;

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly Lock _writeGate = new();
    private readonly byte[] _received = new byte[ReceiveBufferBytes];
    private int _start;
    private int _end;

    private BrokerConnection(Socket socket, Stream stream)
    {
        _socket = socket;
        _stream = stream;
    }

    /// <summary>The broker's CONNACK.</summary>
    public MqttClientConnectResult Result { get; private set; } = null!;

    /// <summary>Connects and completes the MQTT handshake; throws when the broker cannot be reached in time or refuses.</summary>
    public static BrokerConnection Open(MqttClientOptions options, MqttPacketFormatterAdapter formatter, CancellationToken cancellationToken)
    {
        var tcp = (MqttClientTcpOptions)options.ChannelOptions;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = tcp.NoDelay };
        BrokerConnection? connection = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using (timeout.Token.Register(socket.Dispose))
            {
                socket.SendTimeout = socket.ReceiveTimeout = (int)options.Timeout.TotalMilliseconds;
                socket.Connect(tcp.RemoteEndpoint);
                Stream stream = new NetworkStream(socket, ownsSocket: true);
                connection = new BrokerConnection(socket, tcp.TlsOptions?.UseTls == true ? Authenticate(stream, tcp) : stream);
                connection.Write(formatter.Encode(MqttConnectPacketFactory.Create(options)));
                formatter.Cleanup();
                connection.Result = ReadConnAck(connection, formatter);
                socket.ReceiveTimeout = 0;
                return connection;
            }
        }
        catch (Exception ex)
        {
            connection?.Dispose();
            socket.Dispose();
            if (timeout.IsCancellationRequested && ex is SocketException or IOException or ObjectDisposedException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new MqttCommunicationTimedOutException(ex);
            }

            throw;
        }
    }

    /// <summary>Writes bytes (whole packets) to the broker; throws when the connection fails.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        lock (_writeGate)
        {
            _stream.Write(bytes);
        }
    }

    /// <summary>Writes one encoded packet.</summary>
    public void Write(MqttPacketBuffer packet)
    {
        lock (_writeGate)
        {
            _stream.Write(packet.Packet);
            foreach (ReadOnlyMemory<byte> segment in packet.Payload)
            {
                _stream.Write(segment.Span);
            }
        }
    }

    /// <summary>Decodes the next packet already received, without waiting; false when no whole packet is buffered.</summary>
    public bool TryTakeReceived(MqttPacketFormatterAdapter formatter, out MqttPacket packet)
    {
        if (!MqttFrame.TryRead(new ArraySegment<byte>(_received, _start, _end - _start), out ReceivedMqttPacket frame))
        {
            packet = null!;
            return false;
        }

        _start += frame.TotalLength;
        packet = formatter.Decode(frame) ?? throw new MqttProtocolViolationException("Malformed packet from the broker.");
        return true;
    }

    /// <summary>Waits for more bytes from the broker (one blocking read); throws when the connection is closed or fails.</summary>
    public void Receive()
    {
        if (_start > 0)
        {
            _received.AsSpan(_start, _end - _start).CopyTo(_received);
            (_start, _end) = (0, _end - _start);
        }

        if (_end == _received.Length)
        {
            throw new MqttProtocolViolationException("A packet from the broker exceeds the receive buffer.");
        }

        int read = _stream.Read(_received, _end, _received.Length - _end);
        if (read == 0)
        {
            throw new MqttCommunicationException("The broker closed the connection.");
        }

        _end += read;
    }

    /// <summary>Closes the connection; a blocked <see cref="Receive"/> then throws.</summary>
    public void Dispose()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        _stream.Dispose();
    }

    private static MqttClientConnectResult ReadConnAck(BrokerConnection connection, MqttPacketFormatterAdapter formatter)
    {
        MqttPacket packet;
        while (!connection.TryTakeReceived(formatter, out packet))
        {
            connection.Receive();
        }

        if (packet is not MqttConnAckPacket connAck)
        {
            throw new MqttProtocolViolationException($"The broker answered CONNECT with {packet}.");
        }

        MqttClientConnectResult result = MqttClientConnectResultFactory.Create(connAck, MqttProtocolVersion.V500);
        return result.ResultCode == MqttClientConnectResultCode.Success
            ? result
            : throw new MqttConnectingFailedException($"The broker refused the connection ({result.ResultCode}).", null!);
    }

    private static SslStream Authenticate(Stream stream, MqttClientTcpOptions tcp)
    {
        MqttClientTlsOptions tls = tcp.TlsOptions;
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false, (_, certificate, chain, errors) =>
        {
            if (tls.CertificateValidationHandler is { } handler)
            {
                return handler(new MqttClientCertificateValidationEventArgs(certificate, chain, errors, tcp));
            }

            return (tls.IgnoreCertificateChainErrors ? errors & ~SslPolicyErrors.RemoteCertificateChainErrors : errors) == SslPolicyErrors.None;
        });
        var authentication = new SslClientAuthenticationOptions
        {
            TargetHost = string.IsNullOrEmpty(tls.TargetHost) && tcp.RemoteEndpoint is DnsEndPoint dns ? dns.Host : tls.TargetHost,
            EnabledSslProtocols = tls.SslProtocol,
            CertificateRevocationCheckMode = tls.IgnoreCertificateRevocationErrors ? X509RevocationMode.NoCheck : tls.RevocationMode,
            ClientCertificates = tls.ClientCertificatesProvider?.GetCertificates(),
        };
        if (tls.TrustChain is { Count: > 0 } trustChain)
        {
            authentication.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = authentication.CertificateRevocationCheckMode,
            };
            authentication.CertificateChainPolicy.CustomTrustStore.AddRange(trustChain);
        }

        try
        {
            ssl.AuthenticateAsClient(authentication);
            return ssl;
        }
        catch
        {
            ssl.Dispose();
            throw;
        }
    }
}

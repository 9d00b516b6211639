using System.Net.Sockets;
using System.Threading.Channels;

namespace F2.Testing.BadInput;

/// <summary>How the broker answered one PUBLISH.</summary>
public enum BrokerAnswerKind
{
    /// <summary>PUBACK, or PUBREC then PUBCOMP (QoS 2); for QoS 0, which has no answer, a PINGRESP sent after it.</summary>
    Acknowledged,

    /// <summary>The broker sent DISCONNECT and closed the connection.</summary>
    Disconnected,

    /// <summary>The connection closed (or was reset) without a DISCONNECT.</summary>
    ConnectionLost,
}

/// <summary>The broker's answer and its MQTT 5 reason code (0 for <see cref="BrokerAnswerKind.ConnectionLost"/>).</summary>
public readonly record struct BrokerAnswer(BrokerAnswerKind Kind, byte ReasonCode)
{
    /// <summary>True when the broker did not take the message: it disconnected, or acknowledged with a failure code.</summary>
    public bool IsRefusal => Kind != BrokerAnswerKind.Acknowledged || ReasonCode >= 0x80;

    public override string ToString() => Kind switch
    {
        BrokerAnswerKind.ConnectionLost => "connection lost without DISCONNECT",
        _ => $"{Kind}: {MqttReasonCodes.Describe(ReasonCode)}",
    };
}

/// <summary>
/// A deliberately small MQTT 5 publisher that sends what a broken or hostile device would (any topic bytes, any
/// payload, QoS 0/1/2, retain, user properties) and reports exactly what the broker answered. One connection per
/// instance; a refusal usually ends it.
/// </summary>
public sealed class RawMqttPublisher : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly Channel<(byte Type, byte[] Body)> _incoming = Channel.CreateUnbounded<(byte, byte[])>();
    private readonly Task _reading;
    private ushort _lastPacketId;

    private RawMqttPublisher(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reading = Task.Run(ReadAllAsync);
    }

    /// <summary>The CONNACK reason code: 0 when connected.</summary>
    public byte ConnectReasonCode { get; private set; }

    /// <summary>Connects and waits for CONNACK; a refused connection is returned with its <see cref="ConnectReasonCode"/>.</summary>
    public static async Task<RawMqttPublisher> ConnectAsync(string host, int port, string clientId, string? userName, string? password, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(host, port, cancellationToken);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }

        var publisher = new RawMqttPublisher(tcp);
        await publisher._stream.WriteAsync(MqttPackets.Connect(clientId, userName, password), cancellationToken);
        var (type, body) = await publisher.NextAsync(cancellationToken)
            ?? throw new IOException("The broker closed the connection before CONNACK.");
        if (type != MqttPackets.ConnAck)
        {
            throw new IOException($"Expected CONNACK, got packet type 0x{type:X2}.");
        }

        publisher.ConnectReasonCode = MqttPackets.ReasonCodeOf(type, body);
        return publisher;
    }

    /// <summary>Publishes one kind's message as it says (QoS, retain, user properties) and waits for the broker's answer.</summary>
    public Task<BrokerAnswer> PublishAsync(BadInputKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return PublishAsync(kind.Topic, kind.Payload, kind.Qos, kind.Retain, kind.UserProperties, cancellationToken);
    }

    /// <summary>Publishes one message and waits for the broker's answer (see <see cref="BrokerAnswerKind"/>).</summary>
    public async Task<BrokerAnswer> PublishAsync(
        byte[] topic, byte[] payload, int qos, bool retain, IReadOnlyList<KeyValuePair<string, string>> userProperties, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(qos);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(qos, 2);
        ushort packetId = qos > 0 ? NextPacketId() : (ushort)0;
        await WriteIgnoringResetAsync(MqttPackets.Publish(topic, payload, qos, retain, packetId, userProperties), cancellationToken);
        if (qos == 0)
        {
            await WriteIgnoringResetAsync(MqttPackets.PingReq, cancellationToken);
        }

        byte expected = qos switch { 0 => MqttPackets.PingResp, 1 => MqttPackets.PubAck, _ => MqttPackets.PubRec };
        while (await NextAsync(cancellationToken) is { } packet)
        {
            var (type, body) = packet;
            if (type == MqttPackets.Disconnect)
            {
                return new BrokerAnswer(BrokerAnswerKind.Disconnected, MqttPackets.ReasonCodeOf(type, body));
            }

            if (type != expected || (qos > 0 && MqttPackets.PacketIdOf(body) != packetId))
            {
                continue;
            }

            byte reason = type == MqttPackets.PingResp ? (byte)0 : MqttPackets.ReasonCodeOf(type, body);
            if (type != MqttPackets.PubRec || reason >= 0x80)
            {
                return new BrokerAnswer(BrokerAnswerKind.Acknowledged, reason);
            }

            await WriteIgnoringResetAsync(MqttPackets.PubRel(packetId), cancellationToken);
            expected = MqttPackets.PubComp;
        }

        return new BrokerAnswer(BrokerAnswerKind.ConnectionLost, 0);
    }

    public async ValueTask DisposeAsync()
    {
        if (_tcp.Connected)
        {
            try
            {
                await _stream.WriteAsync(MqttPackets.NormalDisconnect);
            }
            catch (IOException)
            {
                // Already closed by the broker.
            }
        }

        _tcp.Dispose();
        await _reading;
    }

    /// <summary>Writes a packet; a connection the broker already closed is not an error here: the answer tells why.</summary>
    private async Task WriteIgnoringResetAsync(byte[] packet, CancellationToken cancellationToken)
    {
        try
        {
            await _stream.WriteAsync(packet, cancellationToken);
        }
        catch (IOException)
        {
            // The broker refused and closed while the packet was still being sent (e.g. a packet far over its limit).
        }
    }

    /// <summary>The next packet from the broker, or null once the connection has closed.</summary>
    private async Task<(byte Type, byte[] Body)?> NextAsync(CancellationToken cancellationToken)
        => await _incoming.Reader.WaitToReadAsync(cancellationToken) && _incoming.Reader.TryRead(out var packet) ? packet : null;

    private ushort NextPacketId() => _lastPacketId = (ushort)((_lastPacketId % ushort.MaxValue) + 1);

    private async Task ReadAllAsync()
    {
        try
        {
            var header = new byte[1];
            while (await _stream.ReadAsync(header) == 1)
            {
                int length = await ReadVariableIntegerAsync();
                var body = new byte[length];
                await _stream.ReadExactlyAsync(body);
                _incoming.Writer.TryWrite(((byte)(header[0] & 0xF0), body));
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or EndOfStreamException)
        {
            // The connection closed or was reset: NextAsync reports it as the end.
        }
        finally
        {
            _incoming.Writer.TryComplete();
        }
    }

    private async Task<int> ReadVariableIntegerAsync()
    {
        var digit = new byte[1];
        int value = 0;
        for (int shift = 0; shift <= 21; shift += 7)
        {
            await _stream.ReadExactlyAsync(digit);
            value |= (digit[0] & 0x7F) << shift;
            if ((digit[0] & 0x80) == 0)
            {
                return value;
            }
        }

        throw new IOException("Malformed remaining length from the broker.");
    }
}

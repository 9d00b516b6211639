using System.Buffers;
using System.Diagnostics;
using System.Text;
using F2.Protocol;
using F2.Simulator.Generation;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace F2.Simulator.Publishing;

/// <summary>
/// Encodes MQTT v5 packets with MQTTnet's formatter into a caller's buffer. For one thread: a message's PUBLISH
/// reuses one packet object and writes the <c>traceparent</c> user property into one buffer, so a message costs no
/// allocation here (a publish through <c>MqttClient</c> allocates an application message, a packet, a user property
/// list, the traceparent string and a task per message).
/// </summary>
internal sealed class PacketEncoder
{
    private readonly MqttPacketFormatterAdapter _formatter = new(MqttProtocolVersion.V500, new MqttBufferWriter(4096, 65535));
    private readonly byte[] _traceParent = new byte[TraceContext.TraceParentLength];
    private readonly List<MqttUserProperty> _userProperties;
    private readonly MqttPublishPacket _publish;

    public PacketEncoder(MqttQualityOfServiceLevel qos)
    {
        _userProperties = [new MqttUserProperty(RecordHeaders.TraceParent, new ReadOnlyMemory<byte>(_traceParent))];
        _publish = new MqttPublishPacket { QualityOfServiceLevel = qos, UserProperties = _userProperties };
    }

    /// <summary>The formatter, for decoding what the broker sends.</summary>
    public MqttPacketFormatterAdapter Formatter => _formatter;

    /// <summary>Appends the PUBLISH of <paramref name="message"/>, with the span's trace context (or a fresh unsampled one).</summary>
    public void WritePublish(SimulatedMessage message, ushort packetIdentifier, Activity? span, IBufferWriter<byte> output)
    {
        TraceContext.WriteTraceParent(span, _traceParent);
        if (_userProperties.Count > 1)
        {
            _userProperties.RemoveRange(1, _userProperties.Count - 1);
        }

        if (span?.TraceStateString is { Length: > 0 } traceState)
        {
            _userProperties.Add(new MqttUserProperty(RecordHeaders.TraceState, new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(traceState))));
        }

        _publish.Topic = message.Topic;
        _publish.Payload = new ReadOnlySequence<byte>(message.Payload);
        _publish.PacketIdentifier = packetIdentifier;
        Write(_publish, output);
    }

    /// <summary>Appends any other packet (PINGREQ, PUBREL, DISCONNECT).</summary>
    public void Write(MqttPacket packet, IBufferWriter<byte> output)
    {
        try
        {
            MqttPacketBuffer encoded = _formatter.Encode(packet);
            output.Write(encoded.Packet.AsSpan());
            foreach (ReadOnlyMemory<byte> segment in encoded.Payload)
            {
                output.Write(segment.Span);
            }
        }
        finally
        {
            _formatter.Cleanup();
        }
    }
}

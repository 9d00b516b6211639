using System.Buffers;
using System.Diagnostics;
using System.Text;
using F2.Protocol;
using F2.Simulator.Generation;
using F2.Simulator.Publishing;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace F2.Tests.Simulator;

public class PacketEncoderTests
{
    [Fact]
    public void EachPublishCarriesItsOwnTopicPayloadIdentifierAndTraceContext()
    {
        var encoder = new PacketEncoder(MqttQualityOfServiceLevel.AtLeastOnce);
        var bytes = new ArrayBufferWriter<byte>();
        using var first = new Activity("publish");
        first.SetIdFormat(ActivityIdFormat.W3C);
        first.TraceStateString = "vendor=1";
        first.Start();
        first.Stop();

        encoder.WritePublish(new SimulatedMessage("cmnd/a/access-control-mode/J1/strike-1", "{\"x\": 1}"u8.ToArray()), 7, first, bytes);
        encoder.WritePublish(new SimulatedMessage("cmnd/b/alarm-mode/J3/siren-1", "{\"y\": 2}"u8.ToArray()), 8, null, bytes);
        List<MqttPublishPacket> packets = Decode(bytes.WrittenMemory.ToArray());

        Assert.Equal(
            [("cmnd/a/access-control-mode/J1/strike-1", "{\"x\": 1}", (ushort)7), ("cmnd/b/alarm-mode/J3/siren-1", "{\"y\": 2}", (ushort)8)],
            packets.Select(p => (p.Topic, Encoding.UTF8.GetString(p.Payload.ToArray()), p.PacketIdentifier)));
        Assert.All(packets, p => Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, p.QualityOfServiceLevel));
        Assert.Equal(new (string, string)[] { (RecordHeaders.TraceParent, first.Id!), (RecordHeaders.TraceState, "vendor=1") }, Properties(packets[0]));
        (string name, string value) = Assert.Single(Properties(packets[1]));
        Assert.Equal(RecordHeaders.TraceParent, name);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-00$", value);
        Assert.NotEqual(first.TraceId.ToHexString(), value[3..35]);
    }

    private static List<(string Name, string Value)> Properties(MqttPublishPacket packet) =>
        [.. packet.UserProperties.Select(p => (p.Name, Encoding.UTF8.GetString(p.ValueBuffer.Span)))];

    private static List<MqttPublishPacket> Decode(byte[] bytes)
    {
        var formatter = new MqttPacketFormatterAdapter(MqttProtocolVersion.V500, new MqttBufferWriter(4096, 65535));
        var packets = new List<MqttPublishPacket>();
        var rest = new ArraySegment<byte>(bytes);
        while (MqttFrame.TryRead(rest, out MQTTnet.Adapter.ReceivedMqttPacket frame))
        {
            packets.Add(Assert.IsType<MqttPublishPacket>(formatter.Decode(frame)));
            rest = rest[frame.TotalLength..];
        }

        Assert.Equal(0, rest.Count);
        return packets;
    }
}

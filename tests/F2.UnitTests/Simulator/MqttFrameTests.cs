using F2.Simulator.Publishing;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;

namespace F2.Tests.Simulator;

public class MqttFrameTests
{
    [Fact]
    public void AWholePacketIsCutAtItsLengthAndTheNextStaysForLater()
    {
        byte[] bytes = [0x40, 0x02, 0x00, 0x07, 0x40, 0x02, 0x00];

        Assert.True(MqttFrame.TryRead(new ArraySegment<byte>(bytes), out ReceivedMqttPacket packet));

        Assert.Equal((0x40, 4), (packet.FixedHeader, packet.TotalLength));
        Assert.Equal([0x00, 0x07], packet.Body.ToArray());
        Assert.False(MqttFrame.TryRead(new ArraySegment<byte>(bytes, 4, 3), out _));
    }

    [Fact]
    public void ARemainingLengthOfSeveralBytesIsDecoded()
    {
        byte[] bytes = new byte[3 + 321];
        (bytes[0], bytes[1], bytes[2]) = (0x30, 0xC1, 0x02); // 321 = 0x41 + 2 * 128

        Assert.False(MqttFrame.TryRead(new ArraySegment<byte>(bytes, 0, 2), out _));
        Assert.False(MqttFrame.TryRead(new ArraySegment<byte>(bytes, 0, bytes.Length - 1), out _));
        Assert.True(MqttFrame.TryRead(new ArraySegment<byte>(bytes), out ReceivedMqttPacket packet));
        Assert.Equal((321, 324), (packet.Body.Count, packet.TotalLength));
    }

    [Fact]
    public void ARemainingLengthOfMoreThanFourBytesIsAProtocolViolation()
    {
        byte[] bytes = [0x40, 0x80, 0x80, 0x80, 0x80, 0x01];

        Assert.Throws<MqttProtocolViolationException>(() => MqttFrame.TryRead(new ArraySegment<byte>(bytes), out _));
    }
}

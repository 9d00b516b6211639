using System.Text;
using F2.Protocol;

namespace F2.Tests.Protocol;

/// <summary>The decoder's hot path allocates nothing but the rows' text (the rows themselves are structs in the caller's list).</summary>
public class AllocationTests
{
    private static readonly ParameterSet Parameters = ParameterSet.Create(
    [
        Given.Row(Given.Device, "access-control-mode", "strike", "1", EncodingType.Boolean, "state"),
        Given.Row(Given.Device, "access-control-mode", "door-sensors", "N/A", EncodingType.BooleanMap, "state"),
        Given.Row("*", "sensor-mode", "RS485-sensor", "*", EncodingType.HexToFloat, "celsius", 0.1),
        Given.Row(Given.Device, "sensor-mode", "RS485-sensor", "5", EncodingType.Ieee754Float32, "hPa"),
    ]);

    private static readonly (string Topic, byte[] Payload)[] Messages =
    [
        (Given.StrikeTopic, Payload("\"status\": true")),
        (Given.DoorSensorsTopic, Payload("\"door-sensor-1\": false, \"door-sensor-2\": \"TRUE\"")),
        ("cmnd/f2-001122334455/sensor-mode/J4/sensor-3", Payload("\"data\": \"0x00 FA\"")),
        ("cmnd/f2-E4FD45F654BE/sensor-mode/J4/sensor-5", Payload("\"data\": \"447A0000\", \"rssi\": -61, \"cfg\": {\"a\": [1]}")),
        ("cmnd/f2-e4fd45f654be/alarm-mode/J1/siren-1", Payload("\"status\": true")),
        (Given.StrikeTopic, Payload("\"status\": \"maybe\"")),
        ("cmnd/f2-e4fd45f654be/access-control-mode/J9/strike-1", Payload("\"status\": true")),
    ];

    [Fact]
    public void DecodingMessagesWithoutTextAllocatesNothing()
    {
        var rows = new List<DecodedRow>(16);
        DecodeAll(rows, 50);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int decoded = DecodeAll(rows, 1000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(4000, decoded);
        Assert.Equal(0, allocated);
    }

    private static int DecodeAll(List<DecodedRow> rows, int rounds)
    {
        int decoded = 0;
        for (int round = 0; round < rounds; round++)
        {
            foreach ((string topic, byte[] payload) in Messages)
            {
                rows.Clear();
                decoded += MessageDecoder.Decode(topic, payload, Parameters, rows).IsSuccess ? 1 : 0;
            }
        }

        return decoded;
    }

    private static byte[] Payload(string members) => Encoding.UTF8.GetBytes(Given.Payload(members));
}

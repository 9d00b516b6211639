using F2.Protocol;

namespace F2.Tests.Protocol.Robustness;

/// <summary>What every decoded row must satisfy, whatever the input.</summary>
internal static class RowInvariants
{
    public static void AssertValid(List<DecodedRow> rows, string where)
    {
        Assert.True(rows.Count > 0, where);
        for (int i = 0; i < rows.Count; i++)
        {
            DecodedRow row = rows[i];
            Assert.True(DeviceTopic.TryParse($"cmnd/{row.DeviceId}/alarm-mode/J1/siren-1", out DeviceTopic device) && device.DeviceId == row.DeviceId, where);
            Assert.True(row.Value is null != row.ValueText is null, where);
            Assert.True(row.Value is null || double.IsFinite(row.Value.Value), where);
            Assert.True(row.Time.Kind == DateTimeKind.Utc && row.Time.Ticks % 10 == 0, where);
            Assert.True(row.PinPosition is >= 1 and <= 99, where);
            Assert.True(i == 0 || rows[i - 1].PinPosition < row.PinPosition, where);
            Assert.NotNull(row.Unit);
        }
    }

    /// <summary>The rows survive the <c>decoded_iot_data</c> contract, and mangled forms of it are refused without an exception.</summary>
    public static void AssertRoundTrip(string topic, List<DecodedRow> rows, int offset, ByteMutator mutator, string where)
    {
        var message = new DecodedMessage(topic, DateTime.UnixEpoch.AddTicks(offset * 10L), 1, offset, rows.ToArray());
        byte[] json = DecodedMessageJson.Serialize(message);

        Assert.True(DecodedMessageJson.TryDeserialize(json, out DecodedMessage? read), where);
        Assert.Equal(message.Rows, read.Rows);
        Assert.Equal((message.Topic, message.ReceivedAt, message.SourceOffset), (read.Topic, read.ReceivedAt, read.SourceOffset));

        byte[] mangled = mutator.Mutate(json);
        if (DecodedMessageJson.TryDeserialize(mangled, out DecodedMessage? survivor))
        {
            Assert.NotNull(survivor.Topic);
        }
    }
}

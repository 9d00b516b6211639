using System.Buffers;
using System.Text;
using System.Text.Json;
using F2.Protocol;

namespace F2.Tests.Protocol;

public class DecodedMessageJsonTests
{
    private static readonly DecodedMessage Message = new(
        "cmnd/f2-e4fd45f654be/sensor-mode/J4/sensor-3",
        new DateTime(2023, 5, 26, 18, 34, 5, DateTimeKind.Utc).AddTicks(10),
        3,
        long.MaxValue,
        [
            new DecodedRow(Given.SeedTime, Given.Device, "sensor-mode", "J4", "RS485-sensor", "3", 3, 25.000000000000004, null, "celsius"),
            new DecodedRow(Given.SeedTime, Given.Device, "sensor-mode", "J4", "RS485-sensor", "3", 3, -1.7976931348623157E+308, null, "°C"),
            new DecodedRow(DateTime.MinValue, Given.Device, "access-control-mode", "J3", "qr-nfc-reader", "99", 99, null, "\"quoted\" \u2028 é \0 </script>", "text"),
            new DecodedRow(DateTime.MaxValue.AddTicks(-9), Given.Device, "access-control-mode", "J2", "door-sensors", "N/A", 2, 5E-324, null, ""),
        ]);

    [Fact]
    public void DecodedMessageRoundTripsFieldForField()
    {
        Assert.True(DecodedMessageJson.TryDeserialize(DecodedMessageJson.Serialize(Message), out DecodedMessage? read));

        Assert.Equal((Message.Topic, Message.ReceivedAt, Message.SourcePartition, Message.SourceOffset), (read.Topic, read.ReceivedAt, read.SourcePartition, read.SourceOffset));
        Assert.Equal(Message.Rows, read.Rows);
        Assert.All(read.Rows, row => Assert.Equal(DateTimeKind.Utc, row.Time.Kind));
    }

    [Fact]
    public void SerializedFormUsesSnakeCaseNamesAndMicrosecondUtcTimes()
    {
        using JsonDocument document = JsonDocument.Parse(DecodedMessageJson.Serialize(Message));
        JsonElement root = document.RootElement;
        JsonElement row = root.GetProperty("rows")[0];

        Assert.Equal(["topic", "received_at", "source_partition", "source_offset", "rows"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["time", "device_id", "connector_mode", "connector", "component_type", "component_id", "pin_position", "value", "value_text", "unit"],
            row.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2023-05-26T18:34:05.000001Z", root.GetProperty("received_at").GetString());
        Assert.Equal("2023-05-26T18:34:04.928538Z", row.GetProperty("time").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("value_text").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("rows")[2].GetProperty("value").ValueKind);
    }

    [Fact]
    public void WriteAppendsToTheCallersBuffer()
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("prefix:"u8);

        DecodedMessageJson.Write(buffer, Message);

        Assert.Equal("prefix:"u8.ToArray().Concat(DecodedMessageJson.Serialize(Message)), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void UnknownFieldsAreIgnoredSoTheContractCanGrow()
    {
        string json = Encoding.UTF8.GetString(DecodedMessageJson.Serialize(Message))
            .Replace("{\"topic\"", "{\"schema\":{\"v\":[2]},\"topic\"", StringComparison.Ordinal)
            .Replace("\"unit\":\"celsius\"", "\"unit\":\"celsius\",\"quality\":\"good\"", StringComparison.Ordinal);

        Assert.True(DecodedMessageJson.TryDeserialize(Encoding.UTF8.GetBytes(json), out DecodedMessage? read));
        Assert.Equal(Message.Rows, read.Rows);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"topic\":\"t\",\"received_at\":\"2023-05-26T18:34:05.000000Z\",\"source_partition\":0,\"source_offset\":0}")]
    [InlineData("{\"topic\":\"t\",\"received_at\":\"2023-05-26 18:34:05.000000\",\"source_partition\":0,\"source_offset\":0,\"rows\":[]}")]
    [InlineData("{\"topic\":\"t\",\"received_at\":\"2023-05-26T18:34:05.000000Z\",\"source_partition\":\"0\",\"source_offset\":0,\"rows\":[]}")]
    [InlineData("{\"topic\":\"t\",\"received_at\":\"2023-05-26T18:34:05.000000Z\",\"source_partition\":0,\"source_offset\":0.5,\"rows\":[]}")]
    [InlineData("{\"topic\":\"t\",\"received_at\":\"2023-05-26T18:34:05.000000Z\",\"source_partition\":0,\"source_offset\":0,\"rows\":[]} x")]
    [InlineData("{\"topic\":\"t\\ud800\",\"received_at\":\"2023-05-26T18:34:05.000000Z\",\"source_partition\":0,\"source_offset\":0,\"rows\":[]}")]
    [InlineData("{\"topic\":null,\"received_at\":\"2023-05-26T18:34:05.000000Z\",\"source_partition\":0,\"source_offset\":0,\"rows\":[]}")]
    [InlineData("{\"topic\":\"t\",\"received_at\":\"2023-05-26T18:34:05.000000Z\",\"source_partition\":0,\"source_offset\":0,\"rows\":[1]}")]
    public void TryDeserializeRefusesWhatIsNotADecodedMessage(string json)
    {
        Assert.False(DecodedMessageJson.TryDeserialize(Encoding.UTF8.GetBytes(json), out DecodedMessage? read));
        Assert.Null(read);
    }

    [Theory]
    [InlineData("\"value_text\":null", "\"value_text\":\"x\"", "value and value_text both set")]
    [InlineData("\"value\":25.000000000000004", "\"value\":null", "neither value nor value_text")]
    [InlineData("\"value\":25.000000000000004", "\"value\":1e999", "value out of range")]
    [InlineData("\"pin_position\":3", "\"pin_position\":0", "pin 0")]
    [InlineData("\"connector\":\"J4\"", "\"connector\":\"J5\"", "unknown connector")]
    [InlineData("\"device_id\":\"f2-e4fd45f654be\"", "\"device_id\":\"f2-E4FD45F654BE\"", "upper-case device id")]
    [InlineData("\"component_id\":\"3\"", "\"component_id\":\"03\"", "leading zero")]
    [InlineData("\"time\":\"2023-05-26T18:34:04.928538Z\"", "\"time\":\"2023-05-26T18:34:04.928538\"", "time without Z")]
    [InlineData(",\"unit\":\"celsius\"", "", "unit missing")]
    public void TryDeserializeRefusesRowsThatBreakTheContract(string field, string replacement, string because)
    {
        string json = Encoding.UTF8.GetString(DecodedMessageJson.Serialize(Message with { Rows = [Message.Rows[0]] }));
        Assert.Contains(field, json, StringComparison.Ordinal);

        bool read = DecodedMessageJson.TryDeserialize(Encoding.UTF8.GetBytes(json.Replace(field, replacement, StringComparison.Ordinal)), out _);

        Assert.False(read, because);
    }

    [Fact]
    public void WritingAValueThatIsNotFiniteIsAnError()
    {
        DecodedMessage bad = Message with { Rows = [Message.Rows[0] with { Value = double.NaN }] };

        Assert.ThrowsAny<ArgumentException>(() => DecodedMessageJson.Serialize(bad));
    }
}

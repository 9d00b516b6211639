using System.Text;
using F2.Protocol;

namespace F2.Tests.Protocol;

/// <summary>When several rules fail, the first in the spec's order (section 6) is reported.</summary>
public class RejectionOrderTests
{
    private const string BadTopic = "cmnd/f2-e4fd45f654be/access-control-mode/J5/strike-1";
    private const string UnknownComponent = "cmnd/f2-e4fd45f654be/access-control-mode/J1/strike-9";
    private static readonly ParameterSet Strike = Given.Parameters("access-control-mode", "strike", "1", EncodingType.Boolean);

    public static TheoryData<string, string, RejectReason> MessagesBreakingTwoRules => new()
    {
        { BadTopic, new string('x', MessageDecoder.DefaultMaxPayloadBytes + 1), RejectReason.PayloadTooLarge },
        { BadTopic, "not json", RejectReason.TopicInvalid },
        { UnknownComponent, "[\"not an object\"]", RejectReason.PayloadNotJson },
        { UnknownComponent, "{\"status\": true}", RejectReason.TimestampMissing },
        { UnknownComponent, "{\"timestamp\": \"2023-02-30 00:00:00\"}", RejectReason.TimestampInvalid },
        { UnknownComponent, "{\"timestamp\": \"2023-05-26 18:34:04\"}", RejectReason.ParamsMissing },
        { Given.StrikeTopic, "{\"timestamp\": \"2023-05-26 18:34:04\", \"data\": \"yes\"}", RejectReason.FieldMissing },
        { Given.StrikeTopic, "{\"timestamp\": 5, \"status\": \"yes\"}", RejectReason.TimestampInvalid },
        { Given.StrikeTopic, "{\"status\": \"yes\", \"timestamp\": \"x\"} trailing", RejectReason.PayloadNotJson },
    };

    [Theory]
    [MemberData(nameof(MessagesBreakingTwoRules))]
    public void FirstFailingRuleInTheSpecOrderIsReported(string topic, string payload, RejectReason expected)
    {
        var (result, _) = Given.Decode(topic, payload, Strike);

        Assert.Equal(expected, result.Reason);
    }

    [Fact]
    public void RejectionAppendsNothingAndSuccessAppendsToWhatTheListHolds()
    {
        var earlier = new DecodedRow(DateTime.UnixEpoch, "f2-000000000000", "alarm-mode", "J1", "siren", "1", 1, 1, null, "state");
        var rows = new List<DecodedRow> { earlier };

        DecodeResult rejected = MessageDecoder.Decode(Given.StrikeTopic, "{}"u8, Strike, rows);
        DecodeResult decoded = MessageDecoder.Decode(Given.StrikeTopic, Encoding.UTF8.GetBytes(Given.Payload("\"status\": 1")), Strike, rows);

        Assert.Equal(RejectReason.TimestampMissing, rejected.Reason);
        Assert.True(decoded.IsSuccess);
        Assert.Equal(2, rows.Count);
        Assert.Equal(earlier, rows[0]);
    }

    [Fact]
    public void PayloadAtTheLimitIsAcceptedAndOneByteMoreIsTooLarge()
    {
        byte[] payload = Encoding.UTF8.GetBytes(Given.Payload("\"status\": true"));
        var rows = new List<DecodedRow>();

        DecodeResult atLimit = MessageDecoder.Decode(Given.StrikeTopic, payload, Strike, rows, payload.Length);
        DecodeResult overLimit = MessageDecoder.Decode(Given.StrikeTopic, payload, Strike, rows, payload.Length - 1);

        Assert.True(atLimit.IsSuccess);
        Assert.Equal(RejectReason.PayloadTooLarge, overLimit.Reason);
    }

    [Fact]
    public void CheckEnvelopeReportsTooLargeBeforeTopicInvalidAndGivesTheAddressWhenBothPass()
    {
        Assert.Equal(RejectReason.PayloadTooLarge, MessageDecoder.CheckEnvelope(BadTopic, 11, 10, out _));
        Assert.Equal(RejectReason.TopicInvalid, MessageDecoder.CheckEnvelope(BadTopic, 10, 10, out _));
        Assert.Null(MessageDecoder.CheckEnvelope(Given.StrikeTopic, 10, 10, out DeviceTopic address));
        Assert.Equal(new DeviceTopic(Given.Device, "access-control-mode", "J1", "strike", "1", 1), address);
    }

    [Fact]
    public void NullTopicIsTopicInvalid()
    {
        var (result, _) = Given.Decode(null!, Given.Payload("\"status\": true"), Strike);

        Assert.Equal(RejectReason.TopicInvalid, result.Reason);
    }
}

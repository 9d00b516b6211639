using System.Diagnostics;
using System.Text;
using F2.Integrations.Kafka;
using F2.Integrations.Telemetry;
using F2.Protocol;

namespace F2.Tests.Protocol;

/// <summary>The dead-letter record has one builder, and <see cref="RecordHeaders"/> names exactly what it writes.</summary>
public sealed class DeadLetterTests
{
    private static readonly DeadLetter Full = new()
    {
        Stage = StageNames.Decoder,
        Reason = RejectReason.ValueInvalid.ToWireName(),
        Payload = [0x7b, 0x00, 0xff],
        DeviceId = "f2-e4fd45f654be",
        MqttTopic = "cmnd/f2-e4fd45f654be/access-control-mode/J1/strike-1",
        ReceivedAt = new DateTime(2025, 3, 14, 9, 26, 53, 7, DateTimeKind.Utc),
        Source = "raw_iot_data/2@41",
        Detail = "why",
    };

    [Fact]
    public void ADeadLetterWithEveryFieldWritesExactlyTheHeadersRecordHeadersNamesInItsOrder()
    {
        var headers = Full.ToHeaders();
        TraceContext.Inject(new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, "f2=1"), headers);

        Assert.Equal(RecordHeaders.DeadLetterRecord, headers.Select(header => header.Key));
    }

    [Fact]
    public void ADeadLetterCarriesItsOriginalBytesKeyAndEveryFieldAsUtf8Text()
    {
        var message = Full.ToMessage();

        Assert.Equal(Full.Payload, message.Value);
        Assert.Equal(Full.DeviceId, message.Key);
        Assert.Equal(Full.Reason, Text(message.Headers, RecordHeaders.Reason));
        Assert.Equal(StageNames.Decoder, Text(message.Headers, RecordHeaders.Stage));
        Assert.Equal(Full.MqttTopic, Text(message.Headers, RecordHeaders.MqttTopic));
        Assert.Equal(Full.ReceivedAt, RawRecordHeaders.ReceivedAt(message.Headers));
        Assert.Equal(Full.Source, Text(message.Headers, RecordHeaders.Source));
        Assert.Equal(Full.Detail, Text(message.Headers, RecordHeaders.Detail));
    }

    [Fact]
    public void ADeadLetterWithoutOptionalFieldsWritesOnlyItsReasonAndStage()
    {
        var bare = new DeadLetter { Stage = StageNames.Sink, Reason = DeadLetterReasons.RecordInvalid, Payload = [] };

        Assert.Equal([RecordHeaders.Reason, RecordHeaders.Stage], bare.Headers().Select(header => header.Key));
    }

    [Fact]
    public void TheStagesOwnReasonsAreNoProtocolReasonAndEveryReasonIsNamedOnce()
    {
        Assert.DoesNotContain(DeadLetterReasons.RecordInvalid, RejectReasonNames.All.Select(RejectReasonNames.ToWireName));
        Assert.DoesNotContain(DeadLetterReasons.OutputRefused, RejectReasonNames.All.Select(RejectReasonNames.ToWireName));
        Assert.Equal(DeadLetterReasons.All.Count, DeadLetterReasons.All.Distinct().Count());
        Assert.Equal(["ingest", "decoder", "sink"], StageNames.All);
    }

    private static string Text(Confluent.Kafka.Headers headers, string name) => Encoding.UTF8.GetString(headers.GetLastBytes(name));
}

using F2.Protocol;
using static F2.Testing.BadInput.BadInputExpectation;
using static F2.Testing.BadInput.CorpusBuilder;

namespace F2.Testing.BadInput;

/// <summary>
/// How a message is sent rather than what it holds: QoS 0 and 2, retained, odd MQTT 5 properties, another device's
/// topic. QoS 0 is forwarded best-effort, QoS 2 like QoS 1 (Ingest subscribes at QoS 1), a retained message like any
/// other; bad content is dead-lettered whatever the delivery.
/// </summary>
internal static class CorpusDeliveryKinds
{
    private static readonly byte[] Valid = StrikeMessage("true");
    private static readonly byte[] NotJson = Garbage(64, seed: 2);

    public static void AddTo(CorpusBuilder corpus)
    {
        corpus.Add(corpus.Kind("qos0-valid", "a valid message at QoS 0", StrikeTopic, Valid, Stored(1)) with { Qos = 0 });
        corpus.Add(corpus.Kind("qos2-valid", "a valid message at QoS 2", StrikeTopic, Valid, Stored(1)) with { Qos = 2 });
        corpus.Add(corpus.Kind("retained-valid", "a valid message with the retain flag", StrikeTopic, Valid, Stored(1)) with { Retain = true });
        corpus.Add(corpus.Kind("qos0-garbage", "random bytes at QoS 0", StrikeTopic, NotJson, DeadLetter("payload_not_json", StageNames.Decoder)) with { Qos = 0 });
        corpus.Add(corpus.Kind("qos2-garbage", "random bytes at QoS 2", StrikeTopic, NotJson, DeadLetter("payload_not_json", StageNames.Decoder)) with { Qos = 2 });
        corpus.Add(corpus.Kind("retained-garbage", "random bytes with the retain flag", StrikeTopic, NotJson, DeadLetter("payload_not_json", StageNames.Decoder)) with { Retain = true });
        corpus.Add(corpus.Kind("malformed-traceparent", "a valid message whose traceparent user property is garbage", StrikeTopic, Valid, Stored(1)) with
        {
            UserProperties = [new("traceparent", "00-not-a-trace-context"), new("tracestate", new string('=', 500))],
        });
        corpus.Add(corpus.Kind("another-devices-topic", "a device account publishing on a topic of another device", StrikeTopic, Valid,
            Refused(MqttReasonCodes.NotAuthorized)) with { Account = CorpusAccount.Device });
    }
}

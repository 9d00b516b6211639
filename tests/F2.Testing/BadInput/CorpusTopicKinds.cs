using System.Text;
using F2.Protocol;
using static F2.Testing.BadInput.BadInputExpectation;
using static F2.Testing.BadInput.CorpusBuilder;

namespace F2.Testing.BadInput;

/// <summary>
/// Broken topics. The broker refuses what MQTT forbids in a PUBLISH topic (wildcards, NUL, malformed or control
/// characters, too many levels) and topics outside <c>cmnd/</c> (the ACL); Ingest dead-letters every other topic
/// the grammar rejects as <c>topic_invalid</c>.
/// </summary>
internal static class CorpusTopicKinds
{
    private static readonly byte[] Valid = StrikeMessage("true");

    public static void AddTo(CorpusBuilder corpus)
    {
        AddRefusedTopics(corpus);
        AddInvalidTopics(corpus);
    }

    private static void AddRefusedTopics(CorpusBuilder corpus)
    {
        corpus.Add(corpus.Kind("plus-wildcard-in-topic", "a '+' level in a PUBLISH topic", "cmnd/{device}/access-control-mode/+/strike-1", Valid,
            Refused(MqttReasonCodes.ProtocolError)));
        corpus.Add(corpus.Kind("hash-wildcard-in-topic", "a '#' level in a PUBLISH topic", "cmnd/{device}/access-control-mode/J1/#", Valid,
            Refused(MqttReasonCodes.ProtocolError)));
        corpus.Add(RawTopic(corpus, "nul-in-topic", "a NUL byte inside the component level", [.. Utf8("strike-"), 0, .. Utf8("1")],
            Refused(MqttReasonCodes.MalformedPacket)));
        corpus.Add(RawTopic(corpus, "invalid-utf8-in-topic", "the bytes C3 28 (not UTF-8) in the component level", [.. Utf8("strike-"), 0xC3, 0x28],
            Refused(MqttReasonCodes.MalformedPacket)));
        corpus.Add(RawTopic(corpus, "encoded-surrogate-in-topic", "ED A0 80, a UTF-16 surrogate encoded as UTF-8 (CESU-8)", [.. Utf8("strike-"), 0xED, 0xA0, 0x80],
            Refused(MqttReasonCodes.MalformedPacket)));
        corpus.Add(RawTopic(corpus, "control-character-in-topic", "an ESC (1B) in the component level", [.. Utf8("strike-"), 0x1B, .. Utf8("1")],
            Refused(MqttReasonCodes.MalformedPacket)));
        corpus.Add(corpus.Kind("topic-of-5000-levels", "5,000 topic levels", "cmnd/{device}/" + string.Join('/', Enumerable.Repeat("a", 4_998)), Valid,
            Refused(MqttReasonCodes.ProtocolError)));
        corpus.Add(corpus.Kind("topic-outside-cmnd", "the protocol's 'wrong first level': no account may publish there", "data/{device}/access-control-mode/J1/strike-1", Valid,
            Refused(MqttReasonCodes.NotAuthorized)));
    }

    private static void AddInvalidTopics(CorpusBuilder corpus)
    {
        corpus.Add(corpus.Kind("arabic-indic-digit-in-topic", "strike-١ (U+0661, a digit but not an ASCII one)", "cmnd/{device}/access-control-mode/J1/strike-\u0661", Valid,
            DeadLetter("topic_invalid", StageNames.Ingest)));
        corpus.Add(corpus.Kind("fullwidth-mac-in-topic", "the device id in fullwidth letters and digits", "cmnd/" + Fullwidth(corpus.Device) + "/access-control-mode/J1/strike-1", Valid,
            DeadLetter("topic_invalid", StageNames.Ingest)));
        corpus.Add(corpus.Kind("emoji-in-topic", "an emoji (4-byte UTF-8) as the component", "cmnd/{device}/access-control-mode/J1/\U0001F513-1", Valid,
            DeadLetter("topic_invalid", StageNames.Ingest)));
        corpus.Add(corpus.Kind("sixty-thousand-byte-topic", "a valid topic with a sixth level of 60,000 bytes", "cmnd/{device}/access-control-mode/J1/strike-1/" + new string('a', 60_000), Valid,
            DeadLetter("topic_invalid", StageNames.Ingest)));
        corpus.Add(corpus.Kind("empty-topic-level", "the mode level is empty", "cmnd/{device}//J1/strike-1", Valid,
            DeadLetter("topic_invalid", StageNames.Ingest)));
        corpus.Add(corpus.Kind("uppercase-f2-prefix", "F2- instead of f2-", "cmnd/F2-" + corpus.Device[3..] + "/access-control-mode/J1/strike-1", Valid,
            DeadLetter("topic_invalid", StageNames.Ingest)));
    }

    private static BadInputKind RawTopic(CorpusBuilder corpus, string name, string description, byte[] lastLevel, BadInputExpectation expected)
        => corpus.RawTopicKind(name, description, [.. Utf8($"cmnd/{corpus.Device}/access-control-mode/J1/"), .. lastLevel], Valid, expected);

    /// <summary>The same letters and digits from the Unicode fullwidth block (U+FF01..U+FF5E).</summary>
    private static string Fullwidth(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            result.Append(c is > ' ' and <= '~' ? (char)(c + 0xFEE0) : c);
        }

        return result.ToString();
    }
}

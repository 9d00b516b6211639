using System.Text;
using F2.Protocol;
using static F2.Testing.BadInput.BadInputExpectation;
using static F2.Testing.BadInput.CorpusBuilder;

namespace F2.Testing.BadInput;

/// <summary>Broken payloads on valid topics: encoding, JSON shape, size, timestamps, values.</summary>
internal static class CorpusPayloadKinds
{
    private const string Decoder = StageNames.Decoder;
    private const string Ingest = StageNames.Ingest;

    public static void AddTo(CorpusBuilder corpus, BadInputCorpusSettings settings)
    {
        AddEncodingKinds(corpus);
        AddShapeKinds(corpus);
        AddSizeKinds(corpus, settings);
        AddFieldKinds(corpus);
    }

    private static void AddEncodingKinds(CorpusBuilder corpus)
    {
        corpus.Add(corpus.Kind("binary-garbage", "512 random bytes, not text at all", StrikeTopic, Garbage(512, seed: 1),
            DeadLetter("payload_not_json", Decoder)));
        corpus.Add(corpus.Kind("invalid-utf8-in-an-ignored-field", "a valid message whose extra field holds the bytes C3 28 (not UTF-8)", StrikeTopic,
            [.. Utf8($"{{\"timestamp\": \"{BadInputCorpus.Timestamp}\", \"status\": true, \"note\": \""), 0xC3, 0x28, .. "\"}"u8],
            DeadLetter("payload_not_json", Decoder)));
        corpus.Add(corpus.Kind("invalid-utf8-in-the-timestamp", "the timestamp string ends in the byte FF", StrikeTopic,
            [.. "{\"timestamp\": \"2024-03-01 12:00:0"u8, 0xFF, .. "\", \"status\": true}"u8],
            DeadLetter("payload_not_json", Decoder)));
        corpus.Add(corpus.Kind("utf8-byte-order-mark", "a valid message preceded by EF BB BF", StrikeTopic,
            [0xEF, 0xBB, 0xBF, .. StrikeMessage("true")],
            DeadLetter("payload_not_json", Decoder)));
        corpus.Add(corpus.Kind("nul-bytes-after-the-json", "a valid message followed by three NUL bytes", StrikeTopic,
            [.. StrikeMessage("true"), 0, 0, 0],
            DeadLetter("payload_not_json", Decoder)));
        corpus.Add(corpus.Kind("raw-nul-inside-a-json-string", "a NUL byte (not the \\u0000 escape) inside the timestamp string", StrikeTopic,
            [.. "{\"timestamp\": \"2024-03-01 12:00:00"u8, 0, .. "\", \"status\": true}"u8],
            DeadLetter("payload_not_json", Decoder)));
        corpus.Add(corpus.Kind("escaped-nul-in-reader-text", "a reader text holding \\u0000, which PostgreSQL text cannot store: stored as its keyed hash", ReaderTopic,
            DataMessage("\"card\\u00001\""),
            Stored(1)));
    }

    private static void AddShapeKinds(CorpusBuilder corpus)
    {
        corpus.Add(corpus.Kind("empty-payload", "zero bytes", StrikeTopic, [], DeadLetter("payload_not_json", Decoder)));
        corpus.Add(corpus.Kind("whitespace-only", "spaces, CR, LF and a tab", StrikeTopic, Utf8(" \r\n\t "), DeadLetter("payload_not_json", Decoder)));
        corpus.Add(corpus.Kind("json-null", "the JSON literal null", StrikeTopic, Utf8("null"), DeadLetter("payload_not_json", Decoder)));
        corpus.Add(corpus.Kind("json-nested-20000-deep", "an extra field nested 20,000 arrays deep (40 KB)", StrikeTopic,
            Utf8($"{{\"timestamp\": \"{BadInputCorpus.Timestamp}\", \"status\": true, \"x\": {new string('[', 20_000)}{new string(']', 20_000)}}}"),
            DeadLetter("payload_not_json", Decoder)));
        corpus.Add(corpus.Kind("json-nested-900-deep-in-an-ignored-field", "an extra field nested 900 arrays deep: within the reader's depth limit, ignored", StrikeTopic,
            Utf8($"{{\"timestamp\": \"{BadInputCorpus.Timestamp}\", \"status\": true, \"x\": {new string('[', 900)}{new string(']', 900)}}}"),
            Stored(1)));
        corpus.Add(corpus.Kind("five-thousand-unknown-keys", "a valid strike message with 5,000 extra fields (~50 KB), which firmware may add", StrikeTopic,
            Utf8($"{{\"timestamp\": \"{BadInputCorpus.Timestamp}\", \"status\": true, {string.Join(", ", Enumerable.Range(0, 5_000).Select(i => $"\"k{i}\": 0"))}}}"),
            Stored(1)));
        corpus.Add(corpus.Kind("two-thousand-pin-keys", "door sensors with 2,000 pin keys, so pins repeat", DoorSensorsTopic,
            Utf8($"{{\"timestamp\": \"{BadInputCorpus.Timestamp}\", {string.Join(", ", Enumerable.Range(0, 2_000).Select(i => $"\"door-sensor-{(i % 99) + 1}\": true"))}}}"),
            DeadLetter("value_invalid", Decoder)));
        corpus.Add(corpus.Kind("duplicate-status-key", "status twice, first invalid then valid: the later one wins", StrikeTopic,
            Utf8($"{{\"timestamp\": \"{BadInputCorpus.Timestamp}\", \"status\": \"maybe\", \"status\": true}}"),
            Stored(1)));
    }

    private static void AddSizeKinds(CorpusBuilder corpus, BadInputCorpusSettings settings)
    {
        corpus.Add(corpus.Kind("one-byte-over-the-payload-limit", $"a valid message of {settings.MaxPayloadBytes + 1} bytes", StrikeTopic,
            PaddedStrikeMessage(settings.MaxPayloadBytes + 1),
            DeadLetter("payload_too_large", Ingest)));
        int largest = LargestAcceptedPayload(settings.MaxPacketSize, StrikeTopic.Replace(DevicePlaceholder, corpus.Device, StringComparison.Ordinal));
        corpus.Add(corpus.Kind("largest-payload-the-broker-accepts", $"a {largest}-byte payload: the PUBLISH is exactly as large as max_packet_size allows", StrikeTopic,
            PaddedStrikeMessage(largest),
            DeadLetter("payload_too_large", Ingest)));
        largest = LargestAcceptedPayload(settings.MaxPacketSize, StrikeTopic.Replace(DevicePlaceholder, corpus.Device, StringComparison.Ordinal));
        corpus.Add(corpus.Kind("one-byte-over-the-broker-packet-limit", $"a {largest + 1}-byte payload: one byte more than max_packet_size allows", StrikeTopic,
            PaddedStrikeMessage(largest + 1),
            Refused(MqttReasonCodes.PacketTooLarge)));
        corpus.Add(corpus.Kind("ten-megabyte-payload", "10 MB of JSON", StrikeTopic,
            PaddedStrikeMessage(10 * 1024 * 1024),
            Refused(MqttReasonCodes.PacketTooLarge)));
        corpus.Add(corpus.Kind("sixty-thousand-character-reader-text", "a reader text of 60,000 characters, under the payload limit", ReaderTopic,
            DataMessage($"\"{new string('A', 60_000)}\""),
            Stored(1)));
    }

    private static void AddFieldKinds(CorpusBuilder corpus)
    {
        corpus.Add(corpus.Kind("timestamp-missing", "status only", StrikeTopic, Utf8("{\"status\": true}"), DeadLetter("timestamp_missing", Decoder)));
        corpus.Add(corpus.Kind("timestamp-a-number", "a Unix time as a JSON number", StrikeTopic,
            Utf8("{\"timestamp\": 1709294400, \"status\": true}"), DeadLetter("timestamp_invalid", Decoder)));
        corpus.Add(corpus.Kind("timestamp-february-30", "a date that does not exist", StrikeTopic,
            Utf8("{\"timestamp\": \"2024-02-30 12:00:00\", \"status\": true}"), DeadLetter("timestamp_invalid", Decoder)));
        corpus.Add(corpus.Kind("timestamp-leap-second", "23:59:60, which .NET and PostgreSQL do not represent", StrikeTopic,
            Utf8("{\"timestamp\": \"2016-12-31 23:59:60\", \"status\": true}"), DeadLetter("timestamp_invalid", Decoder)));
        corpus.Add(corpus.Kind("status-a-huge-number", "status 1e400 (beyond double)", StrikeTopic, StrikeMessage("1e400"), DeadLetter("value_invalid", Decoder)));
        corpus.Add(corpus.Kind("status-missing", "a timestamp and nothing else", StrikeTopic,
            Utf8($"{{\"timestamp\": \"{BadInputCorpus.Timestamp}\"}}"), DeadLetter("field_missing", Decoder)));
        corpus.Add(corpus.Kind("hex-nine-bytes", "RS-485 data of 9 bytes (the limit is 8)", HexSensorTopic,
            DataMessage("\"000000000000000001\""), DeadLetter("value_invalid", Decoder)));
        corpus.Add(corpus.Kind("float32-nan", "an IEEE 754 quiet NaN", FloatSensorTopic, DataMessage("\"7FC00000\""), DeadLetter("value_invalid", Decoder)));
        corpus.Add(corpus.Kind("component-without-parameters", "a siren, for which devicedb has no row", SirenTopic,
            StrikeMessage("true"), DeadLetter("params_missing", Decoder)));
    }

    /// <summary>
    /// The largest payload of a QoS 1 PUBLISH without properties on <paramref name="topic"/> that Mosquitto 2.0
    /// accepts: it refuses a packet whose remaining length + 1 exceeds <c>max_packet_size</c>. The remaining length
    /// is the topic (2-byte length + bytes), the packet id (2), the properties length (1) and the payload.
    /// </summary>
    private static int LargestAcceptedPayload(int maxPacketSize, string topic)
        => maxPacketSize - 1 - (2 + Encoding.UTF8.GetByteCount(topic)) - 2 - 1;
}

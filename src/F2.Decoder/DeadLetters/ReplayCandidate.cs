namespace F2.Decoder.DeadLetters;

/// <summary>What a replay needs of one dead letter: its id, and the original MQTT message (topic, payload, when Ingest received it).</summary>
internal sealed record ReplayCandidate(long Id, string? MqttTopic, byte[] Payload, DateTime ReceivedAt, int SourcePartition, long SourceOffset);

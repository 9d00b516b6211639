using System.ComponentModel.DataAnnotations;
using F2.Protocol;

namespace F2.Ingest;

/// <summary>Settings of the <c>Ingest</c> section. Connection strings come from <c>ConnectionStrings:mqtt</c> and <c>ConnectionStrings:kafka</c>.</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>The largest Kafka record Ingest produces (<c>message.max.bytes</c>; also the Kafka broker's default limit).</summary>
    public const int KafkaRecordLimit = 1_000_000;

    /// <summary>
    /// The largest record value Ingest writes whole: <see cref="KafkaRecordLimit"/> less room for the key and headers
    /// (the MQTT topic header alone may be 65,535 bytes). F2's Mosquitto accepts packets of at most 256 KiB
    /// (<c>MosquittoConfig.DefaultMaxPacketSize</c>), so every payload it accepts is dead-lettered byte-exact; only a
    /// broker configured to accept more can send a payload whose dead letter is cut (and says so in <c>f2-detail</c>).
    /// </summary>
    public const int KafkaValueLimit = 900_000;

    /// <summary>MQTT client id; with a persistent session it must be stable across restarts.</summary>
    [Required]
    public string ClientId { get; set; } = "f2-ingest";

    /// <summary>The subscription filter (QoS 1). <c>$share/f2/cmnd/+/#</c> lets several replicas share the load.</summary>
    [Required]
    public string SubscriptionTopic { get; set; } = "cmnd/+/#";

    /// <summary>
    /// How many messages Ingest holds unacknowledged at most, across MQTT reconnects (<see cref="IngestWindow"/>): also
    /// the MQTT receive maximum of each connection and the hand-off channel's capacity.
    /// </summary>
    [Range(1, ushort.MaxValue)]
    public int MaxInFlight { get; set; } = 500;

    /// <summary>Payloads above this size are dead-lettered as <c>payload_too_large</c>.</summary>
    [Range(1, KafkaValueLimit)]
    public int MaxPayloadBytes { get; set; } = MessageDecoder.DefaultMaxPayloadBytes;

    /// <summary>How long the broker keeps the session (subscription and unacknowledged messages) while Ingest is away.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "49710.00:00:00")]
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The longest wait between two MQTT connection attempts (the backoff doubles up to it).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ReconnectDelayMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two produce attempts of one record.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ProduceRetryDelayMax { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>On shutdown, how long in-flight produces may take before Ingest leaves them unacknowledged.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The health check reports Ingest unhealthy when messages wait longer than this without any being forwarded.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(60);
}

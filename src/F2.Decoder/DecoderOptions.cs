using System.ComponentModel.DataAnnotations;
using F2.Protocol;

namespace F2.Decoder;

/// <summary>Settings of the <c>Decoder</c> section. Connection strings: <c>ConnectionStrings:kafka</c>, <c>ConnectionStrings:devicedb</c>.</summary>
public sealed class DecoderOptions
{
    public const string SectionName = "Decoder";

    /// <summary>The Kafka consumer group; replicas in one group share the partitions of <c>raw_iot_data</c>.</summary>
    [Required]
    public string ConsumerGroup { get; set; } = "f2-decoder";

    /// <summary>Payloads above this size are dead-lettered as <c>payload_too_large</c>.</summary>
    [Range(1, int.MaxValue)]
    public int MaxPayloadBytes { get; set; } = MessageDecoder.DefaultMaxPayloadBytes;

    /// <summary>How many consumed records may wait for Kafka's acknowledgement of their output before consuming pauses.</summary>
    [Range(1, 1_000_000)]
    public int MaxInFlight { get; set; } = 5_000;

    /// <summary>How often the safe offsets are committed (also on revocation and on stop).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two produce attempts of one record.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ProduceRetryDelayMax { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>On stop or revocation, how long outstanding produces may take before the safe offsets are committed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

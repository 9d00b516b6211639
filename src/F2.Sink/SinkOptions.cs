using System.ComponentModel.DataAnnotations;

namespace F2.Sink;

/// <summary>Batching, retry and table maintenance of the sink (section <c>Sink</c>).</summary>
public sealed class SinkOptions
{
    public const string SectionName = "Sink";

    /// <summary>The Kafka consumer group; replicas in one group share the partitions of <c>decoded_iot_data</c>.</summary>
    [Required]
    public string ConsumerGroup { get; set; } = "f2-sink";

    /// <summary>Write a batch once it holds this many rows.</summary>
    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 5_000;

    /// <summary>
    /// Write a batch at the latest this long after its first record arrived. At low rates this wait is most of the
    /// pipeline's latency; at high rates batches fill by <see cref="BatchSize"/> first. The figures behind the default
    /// are in docs/PERFORMANCE.md, "Tuning knobs, measured".
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest wait between attempts while PostgreSQL (or Kafka, for dead letters) is unavailable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Plain PostgreSQL only: how many daily partitions to keep created ahead of today (UTC).</summary>
    [Range(1, 366)]
    public int PartitionDaysAhead { get; set; } = 7;

    /// <summary>Plain PostgreSQL only: how often to create the partitions ahead.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromHours(1);
}

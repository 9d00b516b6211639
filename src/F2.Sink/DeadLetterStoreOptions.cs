using System.ComponentModel.DataAnnotations;

namespace F2.Sink;

/// <summary>The dead-letter store's consumer, batching, retry and retention (section <c>DeadLetters</c>).</summary>
public sealed class DeadLetterStoreOptions
{
    public const string SectionName = "DeadLetters";

    /// <summary>The Kafka consumer group that reads <c>dead_letter_iot_data</c> into <c>dead_letters</c>; its own, apart from the measurements'.</summary>
    [Required]
    public string ConsumerGroup { get; set; } = "f2-deadletter-store";

    /// <summary>Store a batch once it holds this many dead letters.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Store a batch at the latest this long after its first dead letter arrived.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between attempts while PostgreSQL is unavailable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Dead letters written longer ago than this are deleted from <c>dead_letters</c>.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the retention is applied (first right after start).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);
}

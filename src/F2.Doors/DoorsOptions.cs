using System.ComponentModel.DataAnnotations;

namespace F2.Doors;

/// <summary>Batching, settings reload and the wall-clock fallback of the door stage (section <c>Doors</c>).</summary>
public sealed class DoorsOptions
{
    public const string SectionName = "Doors";

    /// <summary>
    /// Write a batch once it holds this many messages. Each transaction also rewrites the state of every device it
    /// touched, so larger batches cost less per message (docs/PERFORMANCE.md, Door stage as a process).
    /// </summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 10_000;

    /// <summary>Write a batch at the latest this long after its first message arrived (an event waits for <c>lateness</c> anyway).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between attempts while PostgreSQL is unavailable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often <c>door_settings</c> is reloaded from devicedb (spec section 3.3).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan SettingsRefresh { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Wall-clock fallback (spec section 4.6): after this long with no message from a device, the stage moves that
    /// device's clock on by the wall time passed, so a quiet controller's events still come out. Zero turns it off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SilenceFallback { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The Kafka consumer group; the door state in telemetrydb is kept per group.</summary>
    [Required]
    public string ConsumerGroup { get; set; } = "f2-doors";
}

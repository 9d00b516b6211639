namespace F2.Harness.Pipeline;

/// <summary>How the pipeline is laid out for a run: replicas, partitions and the settings that differ from the defaults.</summary>
public sealed record PipelineShape
{
    public int DecoderReplicas { get; init; } = 1;

    public int SinkReplicas { get; init; } = 1;

    /// <summary>
    /// Partitions per topic. Many, because the development Kafka stand-in (librdkafka mock cluster) keeps at most
    /// 5 MiB or 100,000 batches per partition and silently drops the oldest beyond that: spreading a backlog over
    /// many partitions keeps it inside the limit.
    /// </summary>
    public int Partitions { get; init; } = 32;

    /// <summary>Brokers of the stand-in; three, so that a partition leader can go down while others serve.</summary>
    public int Brokers { get; init; } = 3;

    /// <summary><c>Sink:BatchSize</c>, when not the service default (the overload run throttles the Sink with it).</summary>
    public int? SinkBatchSize { get; init; }

    /// <summary>More settings for every service, as configuration keys (<c>Section:Name</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}

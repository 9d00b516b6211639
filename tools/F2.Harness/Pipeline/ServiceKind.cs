namespace F2.Harness.Pipeline;

/// <summary>The programs the harness runs as processes: the pipeline services, and for the benchmark the Kafka stand-in and the simulator; the door stage for its kill test.</summary>
public enum ServiceKind
{
    Ingest,
    Decoder,
    Sink,
    DevKafka,
    Simulator,
    Doors,
}

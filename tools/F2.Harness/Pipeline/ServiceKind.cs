namespace F2.Harness.Pipeline;

/// <summary>The pipeline services the harness runs as processes.</summary>
public enum ServiceKind
{
    Ingest,
    Decoder,
    Sink,
}

namespace F2.Protocol;

/// <summary>The pipeline stages as a dead letter names them in <see cref="RecordHeaders.Stage"/>.</summary>
public static class StageNames
{
    public const string Ingest = "ingest";
    public const string Decoder = "decoder";
    public const string Sink = "sink";

    public static IReadOnlyList<string> All { get; } = [Ingest, Decoder, Sink];
}

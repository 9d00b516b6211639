using F2.Storage.DeadLetters;

namespace F2.Decoder.DeadLetters;

/// <summary>
/// A replay: which dead letters (<see cref="Query"/>; its own limit is the list's, so <see cref="Limit"/> bounds a replay,
/// null: all), whether to write (<see cref="DryRun"/>), and at most how many a second (<see cref="Rate"/>).
/// </summary>
internal sealed record ReplayRequest(DeadLetterQuery Query, int? Limit, bool DryRun, int Rate)
{
    /// <summary>Dead letters a second by default: a small share of what one Sink writes (docs/PERFORMANCE.md), so live traffic keeps going.</summary>
    public const int DefaultRate = 1_000;
}

namespace F2.Storage.DeadLetters;

/// <summary>A kept dead letter as a list shows it: its row id, what was kept, and its last replay (if any).</summary>
public sealed record DeadLetterEntry(
    long Id,
    KeptDeadLetter DeadLetter,
    DateTime? ReplayedAt,
    string? ReplayOutcome,
    string? ReplayReason,
    string? ReplayDetail,
    int ReplayCount);

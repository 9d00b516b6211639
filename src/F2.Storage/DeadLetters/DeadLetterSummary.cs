namespace F2.Storage.DeadLetters;

/// <summary>How many kept dead letters match a query, by reason and by device (null: none named), and the oldest and newest.</summary>
public sealed record DeadLetterSummary(
    long Total,
    DateTime? Oldest,
    DateTime? Newest,
    IReadOnlyList<DeadLetterCount> ByReason,
    IReadOnlyList<DeadLetterCount> ByDevice,
    long OtherDevices);

/// <summary>One line of a summary: a reason or a device id (null when the dead letter names no device) and its count.</summary>
public readonly record struct DeadLetterCount(string? Key, long Count);

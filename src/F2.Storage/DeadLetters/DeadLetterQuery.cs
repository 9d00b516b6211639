namespace F2.Storage.DeadLetters;

/// <summary>
/// Which kept dead letters a summary, a list or a replay looks at: every filter set must match (times compare with
/// <c>dead_lettered_at</c>, <see cref="Since"/> inclusive, <see cref="Until"/> exclusive). <see cref="Limit"/> bounds
/// the rows of a list and the device lines of a summary.
/// </summary>
public sealed record DeadLetterQuery
{
    public const int DefaultLimit = 100;

    public string? Reason { get; init; }

    public string? DeviceId { get; init; }

    public string? Stage { get; init; }

    public DateTime? Since { get; init; }

    public DateTime? Until { get; init; }

    public int Limit { get; init; } = DefaultLimit;
}

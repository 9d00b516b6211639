using F2.Harness.Load;

namespace F2.Harness.Accounting;

/// <summary>
/// Every acknowledged message set against where it ended up. A = messages whose PUBACK arrived with Success;
/// R = messages with a row; D = messages with a dead-letter record.
/// </summary>
public sealed record MessageAccount
{
    /// <summary>Publishes started.</summary>
    public long Attempted { get; init; }

    /// <summary>|A|.</summary>
    public long Acknowledged { get; init; }

    /// <summary>Of A, the deliberately bad messages (they belong in D as <c>value_invalid</c>).</summary>
    public long AcknowledgedBad { get; init; }

    /// <summary>Publishes without a PUBACK (connection lost, timeout) or with a reason code other than Success.</summary>
    public long NotAcknowledged { get; init; }

    public long Rows { get; init; }

    /// <summary>|R|.</summary>
    public long RowMessages { get; init; }

    /// <summary>|D|.</summary>
    public long DeadLettered { get; init; }

    public long DeadLetterRecords { get; init; }

    public IReadOnlyDictionary<string, int> DeadLetteredByReason { get; init; } = new Dictionary<string, int>();

    /// <summary>|A \ (R ∪ D)|: acknowledged, then neither stored nor dead-lettered.</summary>
    public long Lost { get; init; }

    /// <summary>Rows beyond one per message.</summary>
    public long DuplicateRows { get; init; }

    /// <summary>Dead-letter records beyond one per message (allowed: the dead-letter topic is at-least-once).</summary>
    public long DuplicateDeadLetters { get; init; }

    /// <summary>|R ∩ D|: messages both stored and dead-lettered.</summary>
    public long InBoth { get; init; }

    /// <summary>Well-formed messages dead-lettered, or bad ones stored.</summary>
    public long Misrouted { get; init; }

    /// <summary>|(R ∪ D) \ A|: arrived although no PUBACK was seen (allowed: the PUBACK was lost, not the message).</summary>
    public long Unacknowledged { get; init; }

    /// <summary>Rows whose value differs from what the message carried, plus rows and records not from the load.</summary>
    public long Corrupt { get; init; }

    /// <summary>The hourly rollup against the stored rows: where a double count the unique key cannot show would appear.</summary>
    public HourlyRollup Hourly { get; init; } = new(0, 0);

    public bool Passed => Lost == 0 && DuplicateRows == 0 && InBoth == 0 && Misrouted == 0 && Corrupt == 0 && Hourly.Matches;

    public static MessageAccount Of(PublishLedger ledger, StoredRows rows, DeadLetters deadLetters, HourlyRollup hourly)
    {
        Dictionary<MessageId, bool> acknowledged = ledger.AcknowledgedMessages();
        IReadOnlyDictionary<MessageId, int> stored = rows.Messages;
        IReadOnlyDictionary<MessageId, List<string>> dead = deadLetters.Messages;
        HashSet<MessageId> bad = [.. acknowledged.Where(entry => entry.Value).Select(entry => entry.Key)];
        return new MessageAccount
        {
            Attempted = ledger.Attempted,
            Acknowledged = acknowledged.Count,
            AcknowledgedBad = bad.Count,
            NotAcknowledged = ledger.Failed + ledger.Refused.Values.Sum(),
            Rows = rows.Rows,
            RowMessages = stored.Count,
            DeadLettered = dead.Count,
            DeadLetterRecords = deadLetters.Records,
            DeadLetteredByReason = deadLetters.ByReason,
            Lost = acknowledged.Keys.Count(id => !stored.ContainsKey(id) && !dead.ContainsKey(id)),
            DuplicateRows = stored.Values.Sum(count => count - 1L),
            DuplicateDeadLetters = dead.Values.Sum(reasons => reasons.Count - 1L),
            InBoth = stored.Keys.Count(dead.ContainsKey),
            Misrouted = dead.Keys.Count(id => acknowledged.TryGetValue(id, out bool isBad) && !isBad)
                + stored.Keys.Count(bad.Contains),
            Unacknowledged = stored.Keys.Concat(dead.Keys).Distinct().Count(id => !acknowledged.ContainsKey(id)),
            Corrupt = rows.WrongValues + rows.Foreign + deadLetters.Foreign,
            Hourly = hourly,
        };
    }
}

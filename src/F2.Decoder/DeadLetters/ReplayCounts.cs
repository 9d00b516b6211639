using System.Globalization;

namespace F2.Decoder.DeadLetters;

/// <summary>The dead letters a replay selected, by outcome, and the rows the stored ones gave (inserted: new in the table).</summary>
internal sealed class ReplayCounts
{
    private readonly SortedDictionary<string, int> _rejectedByReason = new(StringComparer.Ordinal);

    public int Stored { get; private set; }

    public int Rejected { get; private set; }

    public long Rows { get; private set; }

    public long RowsInserted { get; private set; }

    public IReadOnlyDictionary<string, int> RejectedByReason => _rejectedByReason;

    public void AddStored(int count, long rows, long inserted)
    {
        Stored += count;
        Rows += rows;
        RowsInserted += inserted;
    }

    public void AddRejected(string reason)
    {
        Rejected++;
        _rejectedByReason[reason] = _rejectedByReason.GetValueOrDefault(reason) + 1;
    }

    /// <summary>One line per outcome, as the command prints them at the end.</summary>
    public IEnumerable<string> Lines(bool dryRun)
    {
        string stored = dryRun ? "would be stored" : "stored";
        string rejected = dryRun ? "would be rejected" : "rejected";
        yield return string.Create(CultureInfo.InvariantCulture, $"{stored}: {Stored} ({Rows} row(s){(dryRun ? "" : $", {RowsInserted} new")})");
        yield return string.Create(CultureInfo.InvariantCulture, $"{rejected}: {Rejected}");
        foreach ((string reason, int count) in _rejectedByReason)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"  {reason}: {count}");
        }
    }
}

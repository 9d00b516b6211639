namespace F2.Storage.DeadLetters;

/// <summary>The values of <c>dead_letters.replay_outcome</c>.</summary>
public static class ReplayOutcomes
{
    /// <summary>The replayed message's rows are in <c>iot_measurements</c> (inserted, or already there).</summary>
    public const string Stored = "stored";

    /// <summary>The replayed message was rejected again; <c>replay_reason</c> and <c>replay_detail</c> say why.</summary>
    public const string Rejected = "rejected";
}

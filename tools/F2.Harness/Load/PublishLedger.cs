using System.Collections.Concurrent;
using System.Diagnostics;

namespace F2.Harness.Load;

/// <summary>
/// What happened to every publish: acknowledged by the broker (PUBACK with reason Success, and when), refused (any
/// other reason code, by reason) or failed (no PUBACK: connection lost, timeout). Thread-safe.
/// </summary>
public sealed class PublishLedger
{
    private readonly ConcurrentQueue<(MessageId Id, bool Bad, long At)> _acknowledged = new();
    private readonly ConcurrentDictionary<string, int> _refused = new();
    private long _attempted;
    private long _failed;

    public long Attempted => Interlocked.Read(ref _attempted);

    public long Failed => Interlocked.Read(ref _failed);

    public int AcknowledgedCount => _acknowledged.Count;

    public IReadOnlyDictionary<string, int> Refused => _refused;

    public void Attempt() => Interlocked.Increment(ref _attempted);

    public void Acknowledged(MessageId id, bool bad) => _acknowledged.Enqueue((id, bad, Stopwatch.GetTimestamp()));

    public void Refuse(string reasonCode) => _refused.AddOrUpdate(reasonCode, 1, (_, count) => count + 1);

    public void Fail() => Interlocked.Increment(ref _failed);

    /// <summary>Every acknowledged message (and whether it was a deliberately bad one).</summary>
    public Dictionary<MessageId, bool> AcknowledgedMessages()
        => _acknowledged.ToDictionary(entry => entry.Id, entry => entry.Bad);

    /// <summary>The well-formed messages acknowledged before <paramref name="timestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public List<MessageId> GoodAcknowledgedBefore(long timestamp)
        => [.. _acknowledged.Where(entry => !entry.Bad && entry.At < timestamp).Select(entry => entry.Id)];
}

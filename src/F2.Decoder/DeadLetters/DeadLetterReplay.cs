using F2.Protocol;
using F2.Storage;
using F2.Storage.DeadLetters;

namespace F2.Decoder.DeadLetters;

/// <summary>
/// Replays the selected dead letters: each one's original payload and MQTT topic through the Decoder's decoding
/// (<see cref="MessageDecoding"/>: current device parameters, reader privacy), the rows of a batch through the Sink's write
/// path (<see cref="MeasurementWriter"/>: natural-key dedupe, hourly rollup) in one transaction, then each dead letter's
/// outcome. Rows are written before outcomes are recorded, so a replay killed midway leaves dead letters without an
/// outcome whose rows may be stored already; the rerun selects them again and the natural key makes their rows no
/// duplicates. Dead letters already <c>stored</c> are not selected again; nothing is deleted. A dry run writes nothing.
/// At most <see cref="ReplayRequest.Rate"/> dead letters a second, in batches, so live traffic keeps the database.
/// </summary>
internal sealed class DeadLetterReplay(MessageDecoding decoding, ReplayCandidates candidates, DeadLetterStore store, MeasurementWriter writer, ReplayMetrics metrics, TimeProvider time)
{
    /// <summary>Largest batch: one transaction of rows, and one page of the selection.</summary>
    public const int MaxBatch = 500;

    public async Task<ReplayCounts> RunAsync(ReplayRequest request, CancellationToken cancellationToken)
    {
        var counts = new ReplayCounts();
        var rows = new List<DecodedRow>();
        int batchSize = Math.Clamp(request.Rate / 4, 1, MaxBatch);
        int limit = request.Limit ?? int.MaxValue;
        long started = time.GetTimestamp();
        long after = 0;
        int done = 0;
        while (done < limit)
        {
            IReadOnlyList<ReplayCandidate> batch = await candidates.NextAsync(request.Query, after, Math.Min(batchSize, limit - done), cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var stored = new List<(long Id, DecodedMessage Message)>();
            var rejected = new List<(long Id, string Reason, string? Detail)>();
            foreach (ReplayCandidate candidate in batch)
            {
                DecodeResult result = decoding.Decode(candidate.MqttTopic, candidate.Payload, rows);
                if (result.IsSuccess)
                {
                    stored.Add((candidate.Id, new DecodedMessage(candidate.MqttTopic!, candidate.ReceivedAt, candidate.SourcePartition, candidate.SourceOffset, [.. rows])));
                }
                else
                {
                    rejected.Add((candidate.Id, result.Reason!.Value.ToWireName(), candidate.MqttTopic is null ? "dead letter has no MQTT topic" : null));
                }
            }

            long inserted = request.DryRun || stored.Count == 0 ? 0 : writer.Write([.. stored.Select(item => item.Message)]).RowsInserted;
            if (!request.DryRun)
            {
                await RecordAsync(stored, rejected, cancellationToken);
            }

            counts.AddStored(stored.Count, stored.Sum(item => (long)item.Message.Rows.Count), inserted);
            rejected.ForEach(item => counts.AddRejected(item.Reason));
            after = batch[^1].Id;
            done += batch.Count;
            await PaceAsync(started, done, request.Rate, cancellationToken);
        }

        return counts;
    }

    private async Task RecordAsync(List<(long Id, DecodedMessage Message)> stored, List<(long Id, string Reason, string? Detail)> rejected, CancellationToken cancellationToken)
    {
        foreach ((long id, _) in stored)
        {
            await store.RecordReplayOutcomeAsync(id, ReplayOutcomes.Stored, null, null, cancellationToken);
        }

        foreach ((long id, string reason, string? detail) in rejected)
        {
            await store.RecordReplayOutcomeAsync(id, ReplayOutcomes.Rejected, reason, detail, cancellationToken);
        }

        metrics.Replayed(ReplayOutcomes.Stored, stored.Count);
        metrics.Replayed(ReplayOutcomes.Rejected, rejected.Count);
    }

    /// <summary>Waits until <paramref name="done"/> dead letters are no more than <paramref name="rate"/> a second since the start.</summary>
    private async Task PaceAsync(long started, int done, int rate, CancellationToken cancellationToken)
    {
        TimeSpan due = TimeSpan.FromSeconds((double)done / rate) - time.GetElapsedTime(started);
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due, time, cancellationToken);
        }
    }
}

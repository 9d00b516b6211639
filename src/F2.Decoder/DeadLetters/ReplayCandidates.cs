using F2.Storage.DeadLetters;
using Npgsql;

namespace F2.Decoder.DeadLetters;

/// <summary>
/// Pages through the dead letters a replay selects, in id order: those matching the query that no replay has stored yet
/// (never replayed, or rejected again by an earlier replay).
/// </summary>
internal sealed class ReplayCandidates(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<ReplayCandidate>> NextAsync(DeadLetterQuery query, long afterId, int count, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = dataSource.CreateCommand(
            """
            SELECT id, mqtt_topic, payload, coalesce(received_at, dead_lettered_at), source_partition, source_offset
            FROM dead_letters
            WHERE id > $1 AND replay_outcome IS DISTINCT FROM 'stored'
              AND ($2::text IS NULL OR reason = $2) AND ($3::text IS NULL OR device_id = $3) AND ($4::text IS NULL OR stage = $4)
              AND ($5::timestamptz IS NULL OR dead_lettered_at >= $5) AND ($6::timestamptz IS NULL OR dead_lettered_at < $6)
            ORDER BY id
            LIMIT $7
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Reason ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.DeviceId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Stage ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Since ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Until ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var candidates = new List<ReplayCandidate>(count);
        while (await reader.ReadAsync(cancellationToken))
        {
            candidates.Add(new ReplayCandidate(
                reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetFieldValue<byte[]>(2),
                reader.GetFieldValue<DateTime>(3), reader.GetInt32(4), reader.GetInt64(5)));
        }

        return candidates;
    }
}

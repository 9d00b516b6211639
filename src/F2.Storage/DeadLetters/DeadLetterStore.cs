using Npgsql;
using NpgsqlTypes;

namespace F2.Storage.DeadLetters;

/// <summary>
/// Reads and writes <c>dead_letters</c> (see <see cref="DeadLetterSchemaSql"/>). <see cref="Insert"/> is synchronous on
/// purpose: it runs on the store worker's consume thread, which must not poll Kafka meanwhile.
/// </summary>
public sealed class DeadLetterStore(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "source_topic, source_partition, source_offset, stage, reason, detail, device_id, mqtt_topic, received_at, payload, dead_lettered_at";

    private const string InsertSql = $"""
        INSERT INTO dead_letters ({Columns})
        SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                             $9::timestamptz[], $10::bytea[], $11::timestamptz[])
        ON CONFLICT (source_topic, source_partition, source_offset) DO NOTHING
        RETURNING stage, reason
        """;

    /// <summary>
    /// Keeps <paramref name="deadLetters"/> in one transaction; one already kept (same source coordinates) is left as it
    /// is. Returns the stage and reason of each row actually inserted.
    /// </summary>
    public IReadOnlyList<(string Stage, string Reason)> Insert(IReadOnlyList<KeptDeadLetter> deadLetters)
    {
        using NpgsqlConnection connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand(InsertSql, connection);
        Add(command, deadLetters, d => d.Source.Topic);
        Add(command, deadLetters, d => d.Source.Partition);
        Add(command, deadLetters, d => d.Source.Offset);
        Add(command, deadLetters, d => d.Stage);
        Add(command, deadLetters, d => d.Reason);
        Add(command, deadLetters, d => d.Detail);
        Add(command, deadLetters, d => d.DeviceId);
        Add(command, deadLetters, d => d.MqttTopic);
        Add(command, deadLetters, d => d.ReceivedAt);
        Add(command, deadLetters, d => d.Payload);
        Add(command, deadLetters, d => d.DeadLetteredAt);
        var inserted = new List<(string, string)>();
        using NpgsqlDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            inserted.Add((reader.GetString(0), reader.GetString(1)));
        }

        return inserted;
    }

    /// <summary>Counts the dead letters <paramref name="query"/> matches, by reason and by device (the <see cref="DeadLetterQuery.Limit"/> most frequent).</summary>
    public async Task<DeadLetterSummary> SummaryAsync(DeadLetterQuery query, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken);
        long total;
        DateTime? oldest;
        DateTime? newest;
        await using (NpgsqlCommand command = Filtered(connection, "SELECT count(*), min(dead_lettered_at), max(dead_lettered_at) FROM dead_letters", query, ""))
        await using (NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            total = reader.GetInt64(0);
            oldest = reader.IsDBNull(1) ? null : reader.GetDateTime(1);
            newest = reader.IsDBNull(2) ? null : reader.GetDateTime(2);
        }

        IReadOnlyList<DeadLetterCount> byReason = await CountAsync(connection, "reason", query, "", cancellationToken);
        IReadOnlyList<DeadLetterCount> byDevice = await CountAsync(connection, "device_id", query, $"LIMIT {query.Limit}", cancellationToken);
        long devices;
        await using (NpgsqlCommand command = Filtered(connection, "SELECT count(DISTINCT coalesce(device_id, '')) FROM dead_letters", query, ""))
        {
            devices = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        return new DeadLetterSummary(total, oldest, newest, byReason, byDevice, devices - byDevice.Count);
    }

    /// <summary>The dead letters <paramref name="query"/> matches, oldest first, at most <see cref="DeadLetterQuery.Limit"/>.</summary>
    public async Task<IReadOnlyList<DeadLetterEntry>> ListAsync(DeadLetterQuery query, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using NpgsqlCommand command = Filtered(
            connection,
            $"SELECT id, {Columns}, replayed_at, replay_outcome, replay_reason, replay_detail, replay_count FROM dead_letters",
            query,
            $"ORDER BY dead_lettered_at, id LIMIT {query.Limit}");
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<DeadLetterEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var kept = new KeptDeadLetter
            {
                Source = new SourceCoordinates(reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3)),
                Stage = reader.GetString(4),
                Reason = reader.GetString(5),
                Detail = Text(reader, 6),
                DeviceId = Text(reader, 7),
                MqttTopic = Text(reader, 8),
                ReceivedAt = Time(reader, 9),
                Payload = reader.GetFieldValue<byte[]>(10),
                DeadLetteredAt = reader.GetDateTime(11),
            };
            entries.Add(new DeadLetterEntry(
                reader.GetInt64(0), kept, Time(reader, 12), Text(reader, 13), Text(reader, 14), Text(reader, 15), reader.GetInt32(16)));
        }

        return entries;
    }

    /// <summary>Records the outcome of replaying dead letter <paramref name="id"/> (one of <see cref="ReplayOutcomes"/>) and counts the replay.</summary>
    public async Task RecordReplayOutcomeAsync(long id, string outcome, string? reason, string? detail, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            UPDATE dead_letters SET replayed_at = now(), replay_outcome = $2, replay_reason = $3, replay_detail = $4,
                   replay_count = replay_count + 1
            WHERE id = $1
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = outcome });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)reason ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)detail ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Retention: deletes the dead letters written before <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTime cutoff, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("DELETE FROM dead_letters WHERE dead_lettered_at < $1", connection);
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = cutoff });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<DeadLetterCount>> CountAsync(
        NpgsqlConnection connection, string column, DeadLetterQuery query, string tail, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = Filtered(
            connection, $"SELECT {column}, count(*) FROM dead_letters", query, $"GROUP BY {column} ORDER BY count(*) DESC, {column} {tail}");
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new List<DeadLetterCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new DeadLetterCount(Text(reader, 0), reader.GetInt64(1)));
        }

        return counts;
    }

    /// <summary><paramref name="select"/>, then the WHERE clause of <paramref name="query"/>'s filters, then <paramref name="tail"/>.</summary>
    private static NpgsqlCommand Filtered(NpgsqlConnection connection, string select, DeadLetterQuery query, string tail)
    {
        var command = new NpgsqlCommand { Connection = connection };
        var conditions = new List<string>();
        Condition(command, conditions, "reason =", query.Reason);
        Condition(command, conditions, "device_id =", query.DeviceId);
        Condition(command, conditions, "stage =", query.Stage);
        Condition(command, conditions, "dead_lettered_at >=", query.Since);
        Condition(command, conditions, "dead_lettered_at <", query.Until);
        string where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        command.CommandText = $"{select}{where} {tail}";
        return command;
    }

    private static void Condition(NpgsqlCommand command, List<string> conditions, string test, string? value)
    {
        if (value is not null)
        {
            Condition(command, conditions, test, new NpgsqlParameter<string> { TypedValue = value });
        }
    }

    private static void Condition(NpgsqlCommand command, List<string> conditions, string test, DateTime? value)
    {
        if (value is { } time)
        {
            Condition(command, conditions, test, new NpgsqlParameter<DateTime> { TypedValue = time });
        }
    }

    private static void Condition(NpgsqlCommand command, List<string> conditions, string test, NpgsqlParameter parameter)
    {
        command.Parameters.Add(parameter);
        conditions.Add($"{test} ${command.Parameters.Count}");
    }

    private static void Add<T>(NpgsqlCommand command, IReadOnlyList<KeptDeadLetter> deadLetters, Func<KeptDeadLetter, T> column) =>
        command.Parameters.Add(new NpgsqlParameter<T[]> { TypedValue = [.. deadLetters.Select(column)] });

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTime? Time(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDateTime(ordinal);
}

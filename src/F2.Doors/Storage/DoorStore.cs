using F2.Doors.Derivation;
using F2.Protocol.Doors;
using Npgsql;
using NpgsqlTypes;

namespace F2.Doors.Storage;

/// <summary>
/// The stage's durable side in telemetrydb: a batch's events, the door state of the devices it touched and the next
/// offset of each partition it read are written in one transaction, so after any crash the state, the events and the
/// position agree; a partition's owner resumes from exactly there.
/// </summary>
internal sealed class DoorStore(NpgsqlDataSource telemetry, string consumerGroup)
{
    private const string InsertEvents = """
        INSERT INTO door_events (event_id, time, device_id, door, event_type, credential, cause_time, details)
        SELECT e.id, e.time, e.device, e.door, e.type, e.credential, e.cause, e.details::jsonb
        FROM unnest(@ids, @times, @devices, @doors, @types, @credentials, @causes, @details)
             AS e(id, time, device, door, type, credential, cause, details)
        ON CONFLICT (event_id) DO NOTHING
        RETURNING event_type
        """;

    private const string UpsertStates = """
        INSERT INTO door_state (consumer_group, device_id, kafka_partition, state)
        SELECT @group, s.device, s.partition, s.state::jsonb FROM unnest(@devices, @partitions, @states) AS s(device, partition, state)
        ON CONFLICT (consumer_group, device_id) DO UPDATE SET kafka_partition = excluded.kafka_partition, state = excluded.state
        """;

    private const string UpsertOffsets = """
        INSERT INTO door_offsets (consumer_group, kafka_partition, next_offset)
        SELECT @group, o.partition, o.next FROM unnest(@partitions, @offsets) AS o(partition, next)
        ON CONFLICT (consumer_group, kafka_partition) DO UPDATE SET next_offset = excluded.next_offset
        """;

    /// <summary>The stored door state of the devices of <paramref name="partition"/> and where to resume (null: never read).</summary>
    public async Task<(Dictionary<string, DeviceState> Devices, long? NextOffset)> LoadAsync(int partition, CancellationToken cancellationToken)
    {
        var devices = new Dictionary<string, DeviceState>(StringComparer.Ordinal);
        await using (NpgsqlCommand command = telemetry.CreateCommand(
            "SELECT device_id, state::text FROM door_state WHERE consumer_group = @group AND kafka_partition = @partition"))
        {
            command.Parameters.AddWithValue("group", consumerGroup);
            command.Parameters.AddWithValue("partition", partition);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                devices[reader.GetString(0)] = DoorStateJson.Deserialize(reader.GetString(1));
            }
        }

        await using NpgsqlCommand offset = telemetry.CreateCommand(
            "SELECT next_offset FROM door_offsets WHERE consumer_group = @group AND kafka_partition = @partition");
        offset.Parameters.AddWithValue("group", consumerGroup);
        offset.Parameters.AddWithValue("partition", partition);
        object? next = await offset.ExecuteScalarAsync(cancellationToken);
        return (devices, next is long value ? value : null);
    }

    /// <summary>Writes one batch in one transaction; returns the event types of the events that were new.</summary>
    public async Task<List<string>> WriteAsync(DoorBatch batch, Func<string, DeviceState?> stateOf, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await telemetry.OpenConnectionAsync(cancellationToken);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        List<string> written = await WriteEventsAsync(connection, transaction, batch.Events, cancellationToken);
        await WriteStatesAsync(connection, transaction, batch, stateOf, cancellationToken);
        await using (var command = new NpgsqlCommand(UpsertOffsets, connection, transaction))
        {
            command.Parameters.AddWithValue("group", consumerGroup);
            command.Parameters.AddWithValue("partitions", batch.NextOffsets.Keys.ToArray());
            command.Parameters.AddWithValue("offsets", batch.NextOffsets.Values.ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    private static async Task<List<string>> WriteEventsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<DoorEvent> events, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        if (events.Count == 0)
        {
            return written;
        }

        await using var command = new NpgsqlCommand(InsertEvents, connection, transaction);
        command.Parameters.AddWithValue("ids", events.Select(e => e.EventId).ToArray());
        command.Parameters.AddWithValue("times", events.Select(e => Utc(e.Time)).ToArray());
        command.Parameters.AddWithValue("devices", events.Select(e => e.DeviceId).ToArray());
        command.Parameters.AddWithValue("doors", events.Select(e => e.Door).ToArray());
        command.Parameters.AddWithValue("types", events.Select(e => e.Type.ToWireName()).ToArray());
        command.Parameters.Add(new NpgsqlParameter("credentials", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events.Select(e => (object?)e.Credential ?? DBNull.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("causes", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = events.Select(e => e.CauseTime is { } cause ? (object)Utc(cause) : DBNull.Value).ToArray() });
        command.Parameters.AddWithValue("details", events.Select(e => e.DetailsJson).ToArray());
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            written.Add(reader.GetString(0));
        }

        return written;
    }

    private async Task WriteStatesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DoorBatch batch, Func<string, DeviceState?> stateOf, CancellationToken cancellationToken)
    {
        var devices = new List<string>();
        var partitions = new List<int>();
        var states = new List<string>();
        foreach ((string device, int partition) in batch.Devices)
        {
            if (stateOf(device) is { } state)
            {
                devices.Add(device);
                partitions.Add(partition);
                states.Add(DoorStateJson.Serialize(state));
            }
        }

        if (devices.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(UpsertStates, connection, transaction);
        command.Parameters.AddWithValue("group", consumerGroup);
        command.Parameters.AddWithValue("devices", devices.ToArray());
        command.Parameters.AddWithValue("partitions", partitions.ToArray());
        command.Parameters.AddWithValue("states", states.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DateTime Utc(long micros) => new(DateTime.UnixEpoch.Ticks + (micros * TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
}

using F2.Doors.Derivation;
using Npgsql;

namespace F2.Doors.Storage;

/// <summary>Reads <c>door_settings</c> from devicedb, each interval as whole microseconds.</summary>
internal static class DoorSettingsStore
{
    private const string Query = """
        SELECT device_id, door,
               (extract(epoch FROM grant_window) * 1000000)::bigint,
               (extract(epoch FROM entry_window) * 1000000)::bigint,
               (extract(epoch FROM rex_shunt) * 1000000)::bigint,
               (extract(epoch FROM held_open) * 1000000)::bigint,
               (extract(epoch FROM relock_timeout) * 1000000)::bigint,
               (extract(epoch FROM lateness) * 1000000)::bigint
        FROM door_settings
        """;

    public static async Task<DoorSettingsTable> LoadAsync(NpgsqlDataSource devices, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = devices.CreateCommand(Query);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<DoorSettingsRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new DoorSettingsRow(
                reader.GetString(0), reader.GetString(1),
                Micros(reader, 2), Micros(reader, 3), Micros(reader, 4), Micros(reader, 5), Micros(reader, 6), Micros(reader, 7)));
        }

        return DoorSettingsTable.Create(rows);
    }

    private static long? Micros(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt64(column);
}

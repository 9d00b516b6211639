using F2.Harness.Load;
using Npgsql;

namespace F2.Harness.Accounting;

/// <summary>What <c>iot_measurements</c> holds, as load messages.</summary>
/// <param name="Rows">Every row.</param>
/// <param name="Messages">How many rows each message has (more than one is a duplicate).</param>
/// <param name="Foreign">Rows that are not the load's.</param>
/// <param name="WrongValues">Rows whose value is not the sequence number the message carried.</param>
public sealed record StoredRows(long Rows, IReadOnlyDictionary<MessageId, int> Messages, long Foreign, long WrongValues)
{
    public static async Task<StoredRows> ReadAsync(NpgsqlDataSource telemetry, LoadDevices devices, CancellationToken cancellationToken)
    {
        var messages = new Dictionary<MessageId, int>();
        long rows = 0, foreign = 0, wrongValues = 0;
        await using NpgsqlCommand command = telemetry.CreateCommand("SELECT device_id, time, value FROM iot_measurements");
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows++;
            if (!devices.TryIdentify(reader.GetString(0), reader.GetFieldValue<DateTime>(1), out MessageId id))
            {
                foreign++;
                continue;
            }

            if (reader.IsDBNull(2) || reader.GetDouble(2) != id.Sequence)
            {
                wrongValues++;
            }

            messages[id] = messages.GetValueOrDefault(id) + 1;
        }

        return new StoredRows(rows, messages, foreign, wrongValues);
    }

    public static async Task<long> CountAsync(NpgsqlDataSource telemetry, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = telemetry.CreateCommand("SELECT count(*) FROM iot_measurements");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}

using F2.Protocol;
using Npgsql;

namespace F2.Integrations.DeviceParameters;

/// <summary>Reads and writes <c>devicedb.device_parameters</c>; every write is one transaction.</summary>
public sealed class DeviceParameterStore(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "device_id, connector_mode, component_type, component_id, encoding_type, units, scaling_factor, value_offset, is_signed";

    /// <summary>Creates the table, constraints and change trigger if they do not exist.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = DeviceParameterSchema.AdvisoryLockKey });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(DeviceParameterSchema.Ddl, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DeviceParameter>> LoadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM device_parameters ORDER BY device_id, connector_mode, component_type, component_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<DeviceParameter>();
        while (await reader.ReadAsync(cancellationToken))
        {
            string encodingName = reader.GetString(4);
            if (!EncodingTypeNames.TryParse(encodingName, out EncodingType encoding))
            {
                throw new InvalidDataException($"device_parameters holds an unknown encoding_type '{encodingName}'.");
            }

            rows.Add(new DeviceParameter(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), encoding,
                reader.GetString(5), reader.GetDouble(6), reader.GetDouble(7), reader.GetBoolean(8)));
        }

        return rows;
    }

    /// <summary>Inserts the rows, replacing rows with the same key (a later row of the input wins); returns the count written.</summary>
    public Task<int> UpsertAsync(IReadOnlyCollection<DeviceParameter> rows, CancellationToken cancellationToken = default)
        => WriteAsync(rows, deleteOthers: false, cancellationToken);

    /// <summary>Makes the table hold exactly these rows; readers see the old set or the new one, never a mix.</summary>
    public Task<int> ReplaceAllAsync(IReadOnlyCollection<DeviceParameter> rows, CancellationToken cancellationToken = default)
        => WriteAsync(rows, deleteOthers: true, cancellationToken);

    private async Task<int> WriteAsync(IReadOnlyCollection<DeviceParameter> rows, bool deleteOthers, CancellationToken cancellationToken)
    {
        DeviceParameter[] unique = [.. rows
            .GroupBy(row => (row.DeviceId, row.ConnectorMode, row.ComponentType, row.ComponentId))
            .Select(group => group.Last())];

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (deleteOthers)
        {
            await using var delete = new NpgsqlCommand("DELETE FROM device_parameters", connection, transaction);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var upsert = new NpgsqlCommand(
            $"""
            INSERT INTO device_parameters ({Columns})
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                 $7::double precision[], $8::double precision[], $9::boolean[])
            ON CONFLICT (device_id, connector_mode, component_type, component_id) DO UPDATE SET
              encoding_type = excluded.encoding_type, units = excluded.units, scaling_factor = excluded.scaling_factor,
              value_offset = excluded.value_offset, is_signed = excluded.is_signed, updated_at = now()
            """,
            connection,
            transaction);
        upsert.Parameters.Add(ArrayOf(unique, row => row.DeviceId));
        upsert.Parameters.Add(ArrayOf(unique, row => row.ConnectorMode));
        upsert.Parameters.Add(ArrayOf(unique, row => row.ComponentType));
        upsert.Parameters.Add(ArrayOf(unique, row => row.ComponentId));
        upsert.Parameters.Add(ArrayOf(unique, row => row.Encoding.ToWireName()));
        upsert.Parameters.Add(ArrayOf(unique, row => row.Units));
        upsert.Parameters.Add(ArrayOf(unique, row => row.ScalingFactor));
        upsert.Parameters.Add(ArrayOf(unique, row => row.ValueOffset));
        upsert.Parameters.Add(ArrayOf(unique, row => row.IsSigned));
        int written = await upsert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    private static NpgsqlParameter<T[]> ArrayOf<T>(DeviceParameter[] rows, Func<DeviceParameter, T> select)
        => new() { TypedValue = Array.ConvertAll(rows, row => select(row)) };
}

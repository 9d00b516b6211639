using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace F2.Harness.Benchmark;

/// <summary>The COPY ceiling's figures.</summary>
public sealed record CopyFigures(long Rows, int BatchRows, double Seconds, double PostgresCpuSeconds)
{
    public double RowsPerSecond => Rows / Seconds;
}

/// <summary>
/// The PostgreSQL ceiling: the rows the pipeline stored, written again with a plain binary COPY (Npgsql) into
/// <c>f2_copy_ceiling</c>, a logged table with the same columns and no index, key or constraint, in transactions of
/// the Sink's batch size. What is left between this and the Sink is what the Sink does beyond COPY: staging, the
/// natural-key conflict check, the indexes, the hourly aggregate, and consuming and parsing the records.
/// </summary>
public static class CopyCeiling
{
    private const string Columns = "time, device_id, connector_mode, connector, component_type, component_id, pin_position, value, value_text, unit, topic, received_at";

    private static readonly NpgsqlDbType[] Types =
    [
        NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
        NpgsqlDbType.Integer, NpgsqlDbType.Double, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz,
    ];

    public static async Task<CopyFigures> RunAsync(
        NpgsqlDataSource telemetry, int maxRows, int batchRows, Func<double> postgresCpu, CancellationToken cancellationToken)
    {
        List<object?[]> rows = await ReadAsync(telemetry, maxRows, cancellationToken).ConfigureAwait(false);
        await using NpgsqlConnection connection = await telemetry.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (NpgsqlCommand create = new("DROP TABLE IF EXISTS f2_copy_ceiling; CREATE TABLE f2_copy_ceiling (LIKE iot_measurements)", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        double cpuBefore = postgresCpu();
        long started = Stopwatch.GetTimestamp();
        for (int first = 0; first < rows.Count; first += batchRows)
        {
            await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (NpgsqlBinaryImporter importer = await connection.BeginBinaryImportAsync(
                $"COPY f2_copy_ceiling ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
            {
                for (int i = first; i < Math.Min(rows.Count, first + batchRows); i++)
                {
                    await WriteRowAsync(importer, rows[i], cancellationToken).ConfigureAwait(false);
                }

                await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new CopyFigures(rows.Count, batchRows, seconds, postgresCpu() - cpuBefore);
    }

    private static async Task<List<object?[]>> ReadAsync(NpgsqlDataSource telemetry, int maxRows, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = telemetry.CreateCommand($"SELECT {Columns} FROM iot_measurements LIMIT $1");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxRows });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add([.. row.Select(value => value is DBNull ? null : value)]);
        }

        return rows;
    }

    private static async Task WriteRowAsync(NpgsqlBinaryImporter importer, object?[] row, CancellationToken cancellationToken)
    {
        await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < row.Length; i++)
        {
            if (row[i] is { } value)
            {
                await importer.WriteAsync(value, Types[i], cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

using F2.Protocol;
using Npgsql;
using NpgsqlTypes;

namespace F2.Storage;

/// <summary>The outcome of writing one batch: rows offered, and rows actually inserted (the rest were already stored).</summary>
public readonly record struct WriteResult(int RowsOffered, int RowsInserted)
{
    public int Duplicates => RowsOffered - RowsInserted;
}

/// <summary>
/// Writes decoded messages to <c>iot_measurements</c> in one transaction: binary COPY into a temporary staging table,
/// then <c>INSERT ... SELECT ... ON CONFLICT DO NOTHING</c> on the natural key, so writing the same batch twice adds no
/// row. Synchronous on purpose: it runs on the sink's consume thread, which must not poll Kafka meanwhile.
/// </summary>
public sealed class MeasurementWriter(NpgsqlDataSource dataSource, TelemetryLayout layout)
{
    private const string CreateStaging = $"""
        CREATE TEMP TABLE f2_staging (
        {MeasurementColumns.Definitions}) ON COMMIT DROP
        """;

    private const string CopyIntoStaging = $"COPY f2_staging ({MeasurementColumns.List}) FROM STDIN (FORMAT BINARY)";

    private readonly string _insertFromStaging = layout == TelemetryLayout.Timescale
        ? TimescaleSchemaSql.InsertFromStaging
        : PartitionedSchemaSql.InsertFromStaging;

    public WriteResult Write(IReadOnlyList<DecodedMessage> messages)
    {
        using NpgsqlConnection connection = dataSource.OpenConnection();
        using NpgsqlTransaction transaction = connection.BeginTransaction();
        using (var create = new NpgsqlCommand(CreateStaging, connection, transaction))
        {
            create.ExecuteNonQuery();
        }

        int offered = Copy(connection, messages);
        int inserted;
        using (var insert = new NpgsqlCommand(_insertFromStaging, connection, transaction))
        {
            inserted = checked((int)(long)insert.ExecuteScalar()!);
        }

        transaction.Commit();
        return new WriteResult(offered, inserted);
    }

    private static int Copy(NpgsqlConnection connection, IReadOnlyList<DecodedMessage> messages)
    {
        int rows = 0;
        using NpgsqlBinaryImporter importer = connection.BeginBinaryImport(CopyIntoStaging);
        foreach (DecodedMessage message in messages)
        {
            DateTime receivedAt = AsUtc(message.ReceivedAt);
            foreach (DecodedRow row in message.Rows)
            {
                importer.StartRow();
                importer.Write(AsUtc(row.Time), NpgsqlDbType.TimestampTz);
                importer.Write(row.DeviceId, NpgsqlDbType.Text);
                importer.Write(row.ConnectorMode, NpgsqlDbType.Text);
                importer.Write(row.Connector, NpgsqlDbType.Text);
                importer.Write(row.ComponentType, NpgsqlDbType.Text);
                importer.Write(row.ComponentId, NpgsqlDbType.Text);
                importer.Write(row.PinPosition, NpgsqlDbType.Integer);
                WriteNullable(importer, row.Value);
                WriteNullable(importer, row.ValueText);
                importer.Write(row.Unit, NpgsqlDbType.Text);
                importer.Write(message.Topic, NpgsqlDbType.Text);
                importer.Write(receivedAt, NpgsqlDbType.TimestampTz);
                rows++;
            }
        }

        importer.Complete();
        return rows;
    }

    private static void WriteNullable(NpgsqlBinaryImporter importer, double? value)
    {
        if (value is double number)
        {
            importer.Write(number, NpgsqlDbType.Double);
        }
        else
        {
            importer.WriteNull();
        }
    }

    private static void WriteNullable(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, NpgsqlDbType.Text);
        }
    }

    /// <summary>The contract says UTC; a time that lost its kind in transit is still UTC.</summary>
    private static DateTime AsUtc(DateTime time) => time.Kind == DateTimeKind.Utc ? time : DateTime.SpecifyKind(time, DateTimeKind.Utc);
}

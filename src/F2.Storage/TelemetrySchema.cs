using F2.Storage.DeadLetters;
using Npgsql;

namespace F2.Storage;

/// <summary>
/// Creates or completes the telemetry schema (see README.md beside this file). Idempotent, and safe when several sinks
/// start at once: the whole apply runs under a session advisory lock. The layout is chosen when the table is first
/// created (TimescaleDB where the extension is available and preloaded, plain partitioning elsewhere) and kept after.
/// </summary>
internal static class TelemetrySchema
{
    /// <summary>Arbitrary key of the advisory lock held while the schema is applied ("F2TM").</summary>
    private const long AdvisoryLockKey = 0x4632_544D;

    public static async Task<TelemetryLayout> ApplyAsync(
        NpgsqlDataSource dataSource, int partitionDaysAhead, ILogger logger, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            TelemetryLayout layout = await ChooseLayoutAsync(connection, cancellationToken);
            bool timescale = layout == TelemetryLayout.Timescale;
            if (timescale)
            {
                await ExecuteAsync(connection, TimescaleSchemaSql.CreateExtension, cancellationToken);
            }

            foreach (SchemaMigration migration in timescale ? TimescaleSchemaSql.Migrations : PartitionedSchemaSql.Migrations)
            {
                await MigrateAsync(connection, migration, logger, cancellationToken);
            }

            foreach (string statement in timescale ? TimescaleSchemaSql.Statements : PartitionedSchemaSql.Statements)
            {
                await ExecuteAsync(connection, statement, cancellationToken);
            }

            foreach (string statement in DeadLetterSchemaSql.Statements)
            {
                await ExecuteAsync(connection, statement, cancellationToken);
            }

            if (layout == TelemetryLayout.Partitioned)
            {
                await EnsurePartitionsAsync(connection, partitionDaysAhead, cancellationToken);
            }

            Log.SchemaApplied(logger, layout);
            return layout;
        }
        finally
        {
            if (connection.FullState == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }
        }
    }

    /// <summary>Creates the missing daily partitions from yesterday to <paramref name="daysAhead"/> days ahead; returns how many.</summary>
    public static async Task<int> EnsurePartitionsAsync(NpgsqlConnection connection, int daysAhead, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PartitionedSchemaSql.EnsurePartitions, connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = daysAhead });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<TelemetryLayout> ChooseLayoutAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT relkind::text FROM pg_class WHERE oid = to_regclass('iot_measurements')),
                   EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'),
                   EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
                     AND current_setting('shared_preload_libraries') LIKE '%timescaledb%'
            """,
            connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        string? existingKind = reader.IsDBNull(0) ? null : reader.GetString(0);
        bool installed = reader.GetBoolean(1);
        bool usable = reader.GetBoolean(2);
        return existingKind switch
        {
            null => installed || usable ? TelemetryLayout.Timescale : TelemetryLayout.Partitioned,
            "p" => TelemetryLayout.Partitioned,
            "r" when installed => TelemetryLayout.Timescale,
            _ => throw new InvalidOperationException(
                $"iot_measurements exists but is neither partitioned nor a TimescaleDB hypertable (relkind '{existingKind}'); migrate it by hand."),
        };
    }

    private static async Task MigrateAsync(NpgsqlConnection connection, SchemaMigration migration, ILogger logger, CancellationToken cancellationToken)
    {
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var needed = new NpgsqlCommand(migration.Needed, connection, transaction))
        {
            if (!(bool)(await needed.ExecuteScalarAsync(cancellationToken))!)
            {
                return;
            }
        }

        await using (var apply = new NpgsqlCommand(migration.Apply, connection, transaction))
        {
            await apply.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        Log.SchemaMigrated(logger, migration.Name);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

using Npgsql;

namespace F2.Doors.Storage;

/// <summary>Creates the door stage's tables where missing (idempotent, safe when several replicas start at once).</summary>
internal static class DoorSchema
{
    /// <summary>Arbitrary key of the advisory lock held while the schema is applied ("F2DR").</summary>
    private const long AdvisoryLockKey = 0x4632_4452;

    public static async Task ApplyAsync(NpgsqlDataSource devices, NpgsqlDataSource telemetry, CancellationToken cancellationToken)
    {
        await ApplyAsync(devices, DoorSchemaSql.DeviceDb, cancellationToken);
        await ApplyAsync(telemetry, DoorSchemaSql.TelemetryDb, cancellationToken);
    }

    private static async Task ApplyAsync(NpgsqlDataSource dataSource, string[] statements, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (string statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}

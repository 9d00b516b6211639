using System.Net.Sockets;
using Npgsql;

namespace F2.Doors.Storage;

/// <summary>Tells a PostgreSQL outage (retry with backoff) from everything else (a bug or a broken schema: fail fast).</summary>
internal static class DatabaseErrors
{
    public static bool IsOutage(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient
            || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("53", StringComparison.Ordinal),
        NpgsqlException => true,
        IOException or SocketException or TimeoutException => true,
        _ => false,
    };
}

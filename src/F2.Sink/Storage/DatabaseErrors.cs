using System.Net.Sockets;
using Npgsql;

namespace F2.Sink.Storage;

/// <summary>Tells a PostgreSQL outage (retry with backoff) from everything else (a bug or a broken schema: fail fast).</summary>
internal static class DatabaseErrors
{
    public static bool IsOutage(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient
            || postgres.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) // shutting down, starting up, in recovery
            || postgres.SqlState.StartsWith("53", StringComparison.Ordinal), // insufficient resources
        NpgsqlException => true, // connection-level: refused, reset, timed out, pool exhausted
        IOException or SocketException or TimeoutException => true,
        _ => false,
    };
}

using System.Net.Sockets;
using Npgsql;

namespace F2.Storage;

/// <summary>
/// Tells a PostgreSQL outage (retry with backoff) and a refusal of the rows themselves (dead-letter the refused
/// record) from everything else (a bug or a broken schema: fail fast).
/// </summary>
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

    /// <summary>
    /// The database refused the data, not the statement: a data exception (class 22: out of range, a character the
    /// encoding cannot store), an integrity constraint (class 23: an operator's CHECK, NOT NULL), or an error raised by
    /// a trigger (class P0). Any other error (undefined table, permission, syntax) refuses every row alike and is not
    /// dead-lettered.
    /// </summary>
    public static bool IsRefusal(PostgresException exception) => !IsOutage(exception)
        && (exception.SqlState.StartsWith("22", StringComparison.Ordinal)
            || exception.SqlState.StartsWith("23", StringComparison.Ordinal)
            || exception.SqlState.StartsWith("P0", StringComparison.Ordinal));
}

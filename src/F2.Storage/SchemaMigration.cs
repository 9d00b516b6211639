namespace F2.Storage;

/// <summary>
/// An upgrade of a telemetry schema an earlier version created, applied at start-up before the layout's statements:
/// <see cref="Apply"/> runs (in one transaction, and logged) only when the query <see cref="Needed"/> returns true.
/// </summary>
internal sealed record SchemaMigration(string Name, string Needed, string Apply)
{
    /// <summary>A <see cref="Needed"/> query: <paramref name="relation"/> exists without <paramref name="column"/>.</summary>
    public static string LacksColumn(string relation, string column) => $"""
        SELECT to_regclass('{relation}') IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('{relation}') AND attname = '{column}' AND NOT attisdropped)
        """;
}

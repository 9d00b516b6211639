using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace F2.AppHost.Health;

/// <summary>Healthy once the server accepts a session on the connection string and answers <c>SELECT 1</c>.</summary>
internal sealed class PostgresHealthCheck(Func<CancellationToken, ValueTask<string?>> connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var value = await connectionString(cancellationToken);
        if (value is null)
        {
            return HealthCheckResult.Unhealthy("no connection string yet");
        }

        // No pool: an idle pooled session would hold PostgreSQL's smart shutdown open when the app stops.
        var builder = new NpgsqlConnectionStringBuilder(value) { Pooling = false, Timeout = 5 };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (NpgsqlException exception)
        {
            return HealthCheckResult.Unhealthy(exception.Message);
        }
    }
}

using F2.Integrations.DeviceParameters;
using F2.Protocol;
using F2.Simulator.Behaviour;
using Npgsql;

namespace F2.Simulator;

/// <summary>
/// Writes the exact <c>device_parameters</c> rows of every simulated device (one per device and component key, never
/// wildcard rows, so operators' own rows are untouched) into <c>ConnectionStrings:devicedb</c>, creating the table if
/// needed. All rows are upserted in one transaction, so a Decoder never sees half of a fleet's parameters (and never
/// starts consuming on them); a database outage is retried with backoff.
/// </summary>
internal sealed class DeviceParameterSeeder(IConfiguration configuration, ILogger<DeviceParameterSeeder> logger)
{
    private const int Attempts = 5;

    public async Task<bool> TryWriteAsync(IReadOnlyList<SimulatedDevice> devices, CancellationToken cancellationToken)
    {
        string? connectionString = configuration.GetConnectionString("devicedb");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Log.ConnectionStringInvalid(logger, "devicedb", "not set");
            return false;
        }

        DeviceParameter[] rows = [.. devices.SelectMany(d => d.Parameters)];
        Log.WritingParameters(logger, rows.Length, devices.Count);
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new DeviceParameterStore(dataSource);
        TimeSpan delay = TimeSpan.FromSeconds(1);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await store.EnsureSchemaAsync(cancellationToken);
                await store.UpsertAsync(rows, cancellationToken);

                return true;
            }
            catch (NpgsqlException ex) when (attempt < Attempts)
            {
                Log.ParameterWriteFailed(logger, attempt, Attempts, delay, ex);
                await Task.Delay(delay, cancellationToken);
                delay *= 2;
            }
            catch (NpgsqlException ex)
            {
                Log.CannotWriteParameters(logger, Attempts, ex);
                return false;
            }
        }
    }
}

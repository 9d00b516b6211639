using F2.Tests.Sink;

namespace F2.Tests.Timescale;

/// <summary>
/// Runs a TimescaleDB policy now, as its scheduler would (the test server's scheduler is off; see
/// <see cref="TimescaleServer"/>).
/// </summary>
internal static class TimescaleJobs
{
    public const string RefreshHourly = "policy_refresh_continuous_aggregate";

    public const string Compress = "policy_compression";

    public static async Task RunAsync(TelemetryDatabase database, string proc)
    {
        long job = await database.ScalarAsync($"SELECT job_id FROM timescaledb_information.jobs WHERE proc_name = '{proc}'");
        await database.ExecuteAsync($"CALL run_job({job})");
    }
}

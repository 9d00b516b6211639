using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
using F2.Integrations.DeviceParameters;
using F2.Integrations.Privacy;
using F2.Protocol;
using F2.Storage;
using F2.Storage.DeadLetters;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace F2.Decoder.DeadLetters;

/// <summary>
/// <c>deadletters replay [filters] [--dry-run] [--rate N]</c>: replays the kept dead letters that match (<see cref="DeadLetterReplay"/>)
/// and prints the counts by outcome. Reads <c>dead_letters</c> and writes <c>iot_measurements</c> through
/// <c>ConnectionStrings:telemetrydb</c>, takes the current device parameters from <c>ConnectionStrings:devicedb</c> and
/// hashes reader texts as the Decoder does (<c>Privacy</c>). It needs no Kafka: a dead letter keeps its original bytes
/// and topic, so <c>raw_iot_data</c> (whose retention may have passed) is never read.
/// </summary>
internal static class ReplayCommand
{
    public static bool IsInvoked(string[] args) => args is ["deadletters", "replay", ..];

    /// <summary>Runs the command; returns the process exit code (0 done, 2 usage or configuration, 3 database error).</summary>
    public static async Task<int> RunAsync(
        string[] args, IConfiguration configuration, IMeterFactory meters, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ReplayRequest? request = ReplayArguments.Parse(args, out string? problem);
        string? telemetrydb = configuration.GetConnectionString("telemetrydb");
        string? devicedb = configuration.GetConnectionString("devicedb");
        problem ??= telemetrydb is null or "" || devicedb is null or ""
            ? "ConnectionStrings:telemetrydb and ConnectionStrings:devicedb must both be set (e.g. ConnectionStrings__telemetrydb=\"Host=...;Database=telemetrydb;...\")."
            : null;
        var privacy = configuration.GetSection(PrivacyOptions.SectionName).Get<PrivacyOptions>() ?? new PrivacyOptions();
        problem ??= Invalid(privacy);
        if (problem is not null || request is null)
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(ReplayArguments.Usage);
            return 2;
        }

        var decoderOptions = configuration.GetSection(DecoderOptions.SectionName).Get<DecoderOptions>() ?? new DecoderOptions();
        try
        {
            await using var telemetry = NpgsqlDataSource.Create(telemetrydb!);
            var parameters = await LoadParametersAsync(devicedb!, cancellationToken);
            TelemetryLayout layout = await TelemetrySchema.ApplyAsync(telemetry, 1, NullLogger.Instance, cancellationToken);
            var replay = new DeadLetterReplay(
                new MessageDecoding(parameters, privacy.ToReaderPrivacy(), Options.Create(decoderOptions)),
                new ReplayCandidates(telemetry), new DeadLetterStore(telemetry), new MeasurementWriter(telemetry, layout),
                new ReplayMetrics(meters), TimeProvider.System);
            ReplayCounts counts = await replay.RunAsync(request, cancellationToken);
            foreach (string line in counts.Lines(request.DryRun))
            {
                await output.WriteLineAsync(line);
            }

            return 0;
        }
        catch (NpgsqlException exception)
        {
            await error.WriteLineAsync($"database: {exception.Message}");
            return 3;
        }
    }

    private static string? Invalid(PrivacyOptions privacy)
    {
        var results = new List<ValidationResult>();
        return Validator.TryValidateObject(privacy, new ValidationContext(privacy), results, validateAllProperties: true)
            ? null
            : string.Join(" ", results.Select(result => result.ErrorMessage));
    }

    private static async Task<LoadedParameters> LoadParametersAsync(string devicedb, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(devicedb);
        var store = new DeviceParameterStore(dataSource);
        await store.EnsureSchemaAsync(cancellationToken);
        return new LoadedParameters(ParameterSet.Create(await store.LoadAllAsync(cancellationToken)));
    }

    /// <summary>The device parameters as loaded once when the replay starts.</summary>
    private sealed class LoadedParameters(ParameterSet set) : IDeviceParameterSource
    {
        public ParameterSet Current => set;

        public Task WaitUntilLoadedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

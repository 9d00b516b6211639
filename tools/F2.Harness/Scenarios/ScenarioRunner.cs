using System.Diagnostics;
using F2.Harness.Accounting;
using F2.Harness.Load;
using F2.Harness.Pipeline;
using F2.Integrations.Mqtt;
using F2.Testing;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace F2.Harness.Scenarios;

/// <summary>
/// Runs one scenario on a fresh pipeline: Mosquitto, the Kafka stand-in, new databases on the shared PostgreSQL, and
/// the services as processes. Loads it, injects the fault at its time, measures recovery, waits for the drain,
/// accounts for every message, and tears everything down. Service logs stay in the scenario's log folder.
/// </summary>
public sealed class ScenarioRunner(PostgresServer postgres, ServiceBinaries binaries, string logRoot, ILogger logger)
{
    /// <summary>Devices the load plays.</summary>
    public const int DeviceCount = 200;

    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);

    public async Task<ScenarioResult> RunAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        string logDirectory = Path.Combine(logRoot, scenario.Name);
        Directory.CreateDirectory(logDirectory);
        Log.ScenarioStarting(logger, scenario.Name, scenario.Load.Rate, scenario.Load.Duration, logDirectory);
        var devices = new LoadDevices(DeviceCount, TruncateToSecond(DateTime.UtcNow));
        await using PipelineInfrastructure infrastructure = await PipelineInfrastructure
            .StartAsync(postgres, scenario.Shape, devices, logger, cancellationToken).ConfigureAwait(false);
        await using var processes = new PipelineProcesses(binaries, infrastructure.Endpoints, scenario.Shape, logDirectory, logger);
        await processes.StartAsync(cancellationToken).ConfigureAwait(false);

        var ledger = new PublishLedger();
        var generator = new LoadGenerator(devices, MqttConnectionString.Parse(infrastructure.Mosquitto.ConnectionString), ledger, logger);
        var timeline = new List<(long At, long Rows)>();
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task sampler = SampleAsync(processes, infrastructure.Telemetry, timeline, sampling.Token);
        using var probing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        long loadStarted = Stopwatch.GetTimestamp();
        Task load = generator.RunAsync(scenario.Load, cancellationToken);
        TimeSpan? faultWindow = null;
        Task<TimeSpan?> recovery = Task.FromResult<TimeSpan?>(null);
        if (scenario.Inject is { } inject)
        {
            await Task.Delay(scenario.FaultAt, cancellationToken).ConfigureAwait(false);
            long faultStart = Stopwatch.GetTimestamp();
            Log.FaultInjecting(logger, scenario.Name, scenario.Description);
            await inject(new ScenarioContext(infrastructure, processes, logger), cancellationToken).ConfigureAwait(false);
            long faultEnd = Stopwatch.GetTimestamp();
            faultWindow = Stopwatch.GetElapsedTime(faultStart, faultEnd);
            Log.FaultEnded(logger, scenario.Name, faultWindow.Value);
            recovery = RecoveryProbe.MeasureAsync(
                infrastructure.Endpoints.TelemetryDb, devices, ledger.GoodAcknowledgedBefore(faultEnd), faultEnd, probing.Token);
        }

        await load.WaitAsync(scenario.Load.Duration + TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
        TimeSpan loadTook = Stopwatch.GetElapsedTime(loadStarted);
        long loadEnded = Stopwatch.GetTimestamp();
        Log.LoadFinished(logger, scenario.Name, ledger.Attempted, ledger.AcknowledgedCount, ledger.Failed);

        var watch = new DrainWatch(infrastructure.Endpoints.Kafka, infrastructure.Telemetry, devices, ledger);
        (MessageAccount account, bool drained) = await watch.WaitAsync(scenario.DrainTimeout, cancellationToken).ConfigureAwait(false);
        TimeSpan drain = Stopwatch.GetElapsedTime(loadEnded);
        probing.CancelAfter(TimeSpan.FromSeconds(5));
        TimeSpan? recovered = await recovery.ConfigureAwait(false);
        await sampling.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);
        processes.Sample();

        var result = new ScenarioResult
        {
            Scenario = scenario,
            Account = account,
            FaultWindow = faultWindow,
            Recovery = recovered,
            Drain = drain,
            Drained = drained,
            DrainRowsPerSecond = RowsPerSecond(timeline, loadEnded),
            AcknowledgedPerSecond = ledger.AcknowledgedCount / loadTook.TotalSeconds,
            Processes = [.. processes.Services.Select(service => new ProcessFigures(service.Name, service.PeakResidentBytes, service.CpuSeconds, service.Starts))],
            Problems = Problems(scenario, processes, drained),
            LogDirectory = logDirectory,
        };
        Log.ScenarioFinished(logger, scenario.Name, result.Passed, account.Acknowledged, account.RowMessages, account.DeadLettered, account.Lost, account.DuplicateRows);
        return result;
    }

    private static List<string> Problems(Scenario scenario, PipelineProcesses processes, bool drained)
    {
        var problems = new List<string>();
        foreach (ServiceProcess exited in processes.Exited().Where(service => !scenario.KilledForGood.Contains(service.Name)))
        {
            problems.Add($"{exited.Name} exited on its own (see {exited.LogPath})");
        }

        if (!drained)
        {
            problems.Add("the pipeline did not settle within the drain timeout");
        }

        if (scenario.MemoryBoundBytes is long bound)
        {
            problems.AddRange(processes.Services
                .Where(service => service.PeakResidentBytes > bound)
                .Select(service => $"{service.Name} peaked at {service.PeakResidentBytes / 1_048_576} MiB, above the bound of {bound / 1_048_576} MiB"));
        }

        return problems;
    }

    /// <summary>Rows committed per second from <paramref name="from"/> to the last sample; null when that span is too short to say.</summary>
    private static double? RowsPerSecond(List<(long At, long Rows)> timeline, long from)
    {
        (long At, long Rows)[] after = [.. timeline.Where(sample => sample.At >= from)];
        if (after.Length < 2)
        {
            return null;
        }

        (long At, long Rows) first = after[0];
        long most = after.Max(sample => sample.Rows);
        (long At, long Rows) last = after.First(sample => sample.Rows == most);
        double seconds = Stopwatch.GetElapsedTime(first.At, last.At).TotalSeconds;
        return seconds >= 3 ? (last.Rows - first.Rows) / seconds : null;
    }

    /// <summary>Every second: memory and CPU of every service, and the row count (for the Sink's pace).</summary>
    private static async Task SampleAsync(PipelineProcesses processes, NpgsqlDataSource telemetry, List<(long At, long Rows)> timeline, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                processes.Sample();
                try
                {
                    timeline.Add((Stopwatch.GetTimestamp(), await StoredRows.CountAsync(telemetry, cancellationToken).ConfigureAwait(false)));
                }
                catch (NpgsqlException)
                {
                    // PostgreSQL restarting: no sample this time.
                }

                await Task.Delay(SampleInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static DateTime TruncateToSecond(DateTime time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}

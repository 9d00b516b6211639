using System.Globalization;
using F2.Harness.Pipeline;
using F2.Testing;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace F2.Harness.Benchmark;

/// <summary>
/// The end-to-end benchmark: Mosquitto, the Kafka stand-in (F2.DevKafka), PostgreSQL and the three services as
/// separate processes on this machine, driven by F2.Simulator. In order: the MQTT ceiling (before Ingest exists, so
/// the broker keeps no session for it), the first load right after the pipeline reported ready (its first seconds
/// reported one by one), the fixed-rate latency runs, the throughput steps (stopping at the first step whose lag
/// grows), the COPY ceiling, and the MQTT ceiling again once the pipeline has stopped and Ingest's session is ended;
/// every process sampled throughout.
/// </summary>
public sealed class BenchmarkSuite(BenchmarkOptions options, ServiceBinaries binaries, ILogger logger)
{
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(3);
    private const int CopyRows = 300_000;

    /// <summary>The seconds of the first load reported one by one.</summary>
    private const int FirstLoadSeconds = 10;

    private readonly ILogger _logger = logger;
    private readonly ProcessMeters _meters = new();
    private readonly List<ServiceProcess> _simulators = [];
    private readonly List<ServiceProcess> _kafka = [];
    private string _mqtt = "";
    private string _kafkaBootstrap = "";

    public async Task<BenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        DateTime startedAt = DateTime.UtcNow;
        double loadAtStart = MachineFacts.LoadAverage();
        Directory.CreateDirectory(options.LogDirectory);
        _meters.AddProcess("harness", Environment.ProcessId);

        var postgres = new PostgresServer { ExtraSettings = ["shared_buffers=128MB", "max_wal_size=1GB", "track_commit_timestamp=on"] };
        await postgres.InitializeAsync().WaitAsync(SetupTimeout, cancellationToken).ConfigureAwait(false);
        var mosquitto = new MosquittoServer();
        ServiceProcess? kafka = null;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task sampler = Task.CompletedTask;
        try
        {
            await mosquitto.InitializeAsync().WaitAsync(SetupTimeout, cancellationToken).ConfigureAwait(false);
            _mqtt = mosquitto.ConnectionString;
            _meters.AddProcess("mosquitto", ProcessTree.ChildrenOf(Environment.ProcessId, "mosquitto").Single());
            _meters.AddProcessTree("postgresql", await PostmasterAsync(postgres, cancellationToken).ConfigureAwait(false));
            kafka = StartKafka();
            _meters.AddService("kafka (stand-in)", () => _kafka);
            _meters.AddService("simulator", () => _simulators);
            await kafka.WaitHealthyAsync(SetupTimeout, cancellationToken).ConfigureAwait(false);
            sampler = _meters.RunAsync(sampling.Token);

            string deviceDb = await postgres.CreateDatabaseAsync("devicedb").ConfigureAwait(false);
            string telemetryDb = await postgres.CreateDatabaseAsync("telemetrydb").ConfigureAwait(false);
            await WriteDeviceParametersAsync(deviceDb, cancellationToken).ConfigureAwait(false);

            var ceilings = new List<MqttCeiling>();
            if (options.Phases.Contains("ceiling"))
            {
                ceilings.Add(await MeasureMqttCeilingAsync("before", cancellationToken).ConfigureAwait(false));
            }

            var endpoints = new PipelineEndpoints(_kafkaBootstrap, _mqtt, deviceDb, telemetryDb);
            PipelineFigures figures;
            await using (NpgsqlDataSource telemetry = NpgsqlDataSource.Create(telemetryDb))
            {
                figures = await RunPipelineAsync(endpoints, telemetry, cancellationToken).ConfigureAwait(false);
            }

            if (options.Phases.Contains("ceiling"))
            {
                // The pipeline has stopped; its persistent session would make the broker queue every message for it.
                await BareSubscriber.EndSessionAsync(_mqtt, IngestClientId, cancellationToken).ConfigureAwait(false);
                ceilings.Add(await MeasureMqttCeilingAsync("after", cancellationToken).ConfigureAwait(false));
            }

            MachineFacts machine = MachineFacts.Read(binaries.RepositoryRoot);
            return new BenchmarkResult
            {
                Options = options,
                Machine = new BenchmarkMachine(machine.Cpu, machine.Cores, MemoryBytes(), machine.Runtime, machine.Commit,
                    loadAtStart, MachineFacts.LoadAverage(), startedAt, DateTime.UtcNow),
                Ceilings = ceilings,
                FirstLoad = figures.FirstLoad,
                Copy = figures.Copy,
                Latency = figures.Latency,
                Steps = figures.Steps,
                PeakBytes = _meters.PeakBytes(),
                Processes = [.. _meters.Names],
            };
        }
        finally
        {
            await sampling.CancelAsync().ConfigureAwait(false);
            await sampler.ConfigureAwait(false);
            foreach (ServiceProcess process in _simulators.Concat(_kafka))
            {
                await process.DisposeAsync().ConfigureAwait(false);
            }

            await mosquitto.DisposeAsync().ConfigureAwait(false);
            await postgres.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<PipelineFigures> RunPipelineAsync(PipelineEndpoints endpoints, NpgsqlDataSource telemetry, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(options.Settings);
        foreach ((string key, string value) in options.ServiceEnvironment)
        {
            settings[key] = value;
        }

        var shape = new PipelineShape
        {
            DecoderReplicas = options.DecoderReplicas,
            SinkReplicas = options.SinkReplicas,
            Partitions = options.Partitions,
            Settings = settings,
        };
        await using var pipeline = new PipelineProcesses(binaries, endpoints, shape, options.LogDirectory, _logger);
        foreach (ServiceProcess service in pipeline.Services.OrderBy(service => service.Kind))
        {
            _meters.AddService(service.Name, () => [service]);
        }

        await pipeline.StartAsync(cancellationToken).ConfigureAwait(false);
        using var progress = new PipelineProgress(endpoints.Kafka);
        var queries = new TelemetryQueries(telemetry);
        var phases = new PhaseRunner(this, progress, queries);

        PhaseResult? firstLoad = null;
        if (options.Phases.Contains(BenchmarkOptions.FirstLoadPhase))
        {
            firstLoad = await phases.RunAsync(Invariant($"first load after ready at {options.FirstLoadRate:N0}/s"), options.FirstLoadRate,
                options.FirstLoadDuration, latency: true, cancellationToken, perSecond: FirstLoadSeconds).ConfigureAwait(false);
        }
        else
        {
            await phases.RunAsync("warm-up", 2_000, TimeSpan.FromSeconds(15), latency: false, cancellationToken).ConfigureAwait(false);
        }

        var latencyRuns = new List<PhaseResult>();
        if (options.Phases.Contains("latency"))
        {
            foreach (double rate in options.LatencyRates)
            {
                latencyRuns.Add(await phases.RunAsync(Invariant($"latency at {rate:N0}/s"), rate, options.LatencyDuration, latency: true, cancellationToken).ConfigureAwait(false));
            }
        }

        var steps = new List<PhaseResult>();
        if (options.Phases.Contains("throughput"))
        {
            foreach (double rate in options.Rates)
            {
                PhaseResult step = await phases.RunAsync(Invariant($"step at {rate:N0}/s"), rate, options.StepDuration, latency: false, cancellationToken).ConfigureAwait(false);
                steps.Add(step);
                if (!step.Sustained)
                {
                    break;
                }
            }

            // Always, as the MQTT ceiling is measured: the simulator as fast as the broker acknowledges. Near
            // saturation the paced steps stop where the co-located publisher no longer keeps to its offer, even when
            // the pipeline keeps up with all it publishes; this step measures the same publisher both ways.
            steps.Add(await phases.RunAsync("step: unthrottled", 0, options.StepDuration, latency: false, cancellationToken).ConfigureAwait(false));
        }

        CopyFigures? copy = null;
        if (options.Phases.Contains("copy"))
        {
            Log.BenchmarkCopy(_logger, CopyRows);
            int batch = options.Settings.TryGetValue("Sink:BatchSize", out string? size) ? int.Parse(size, CultureInfo.InvariantCulture) : 5_000;
            copy = await CopyCeiling.RunAsync(telemetry, CopyRows, batch, () =>
            {
                _meters.Sample();
                return _meters.Cpu()["postgresql"];
            }, cancellationToken).ConfigureAwait(false);
        }

        _meters.Sample();
        return new PipelineFigures(firstLoad, latencyRuns, steps, copy);
    }

    /// <summary>Ingest's receive maximum, so that the bare subscriber gets the same window from the broker.</summary>
    private ushort ReceiveMaximum => options.Settings.TryGetValue("Ingest:MaxInFlight", out string? value)
        ? ushort.Parse(value, CultureInfo.InvariantCulture)
        : (ushort)500;

    /// <summary>Ingest's MQTT client id, whose persistent session is ended before the second ceiling.</summary>
    private string IngestClientId => options.Settings.GetValueOrDefault("Ingest:ClientId", "f2-ingest");

    private async Task<MqttCeiling> MeasureMqttCeilingAsync(string when, CancellationToken cancellationToken)
    {
        Log.BenchmarkPhase(_logger, Invariant($"MQTT ceiling (bare subscriber), {when} the pipeline"), 0, options.CeilingDuration);
        await using BareSubscriber subscriber = await BareSubscriber.ConnectAsync(_mqtt, ReceiveMaximum, cancellationToken).ConfigureAwait(false);
        _meters.Sample();
        Dictionary<string, double> before = _meters.Cpu();
        var received = new List<(DateTime At, long Count)>();
        ServiceProcess simulator = NewSimulator("ceiling-" + when, rate: 0);
        SimulatorResult load = await SimulatorRun.RunAsync(
            simulator, options.CeilingDuration, _ => received.Add((DateTime.UtcNow, subscriber.Received)), cancellationToken).ConfigureAwait(false);
        received.Add((DateTime.UtcNow, subscriber.Received));
        await subscriber.WaitQuietAsync(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
        _meters.Sample();
        Dictionary<string, double> after = _meters.Cpu();

        // The steady part: from two seconds into the load until the publisher stopped.
        (DateTime At, long Count)[] steady = [.. received.Where(sample => sample.At >= load.StartedAt + TimeSpan.FromSeconds(2))];
        double rate = steady.Length >= 2
            ? (steady[^1].Count - steady[0].Count) / (steady[^1].At - steady[0].At).TotalSeconds
            : subscriber.Received / load.Seconds;
        await Task.Delay(Pause, cancellationToken).ConfigureAwait(false);
        return new MqttCeiling(when, load, rate, subscriber.Received, Difference(before, after));
    }

    private ServiceProcess NewSimulator(string phase, double rate, IReadOnlyDictionary<string, string>? more = null)
    {
        ServiceProcess simulator = SimulatorRun.Create(
            Invariant($"simulator-{_simulators.Count + 1}-{phase.Replace(' ', '-').Replace('/', '-').Replace(',', '-').Replace(':', '-')}"),
            binaries, _mqtt, options.Devices, rate, options.LogDirectory, more, _logger);
        _simulators.Add(simulator);
        return simulator;
    }

    private async Task WriteDeviceParametersAsync(string deviceDb, CancellationToken cancellationToken)
    {
        ServiceProcess simulator = NewSimulator("parameters", rate: 0, new Dictionary<string, string>
        {
            ["ConnectionStrings:devicedb"] = deviceDb,
            ["Simulator:WriteDeviceParameters"] = "true",
            ["Simulator:MessageCount"] = "1",
        });
        await SimulatorRun.WaitForExitAsync(simulator, SetupTimeout, cancellationToken).ConfigureAwait(false);
    }

    private ServiceProcess StartKafka()
    {
        int port = BenchmarkPorts.Free();
        _kafkaBootstrap = Invariant($"127.0.0.1:{port}");
        var kafka = new ServiceProcess("kafka", ServiceKind.DevKafka, binaries.PathOf(ServiceKind.DevKafka), BenchmarkPorts.Free(),
            new Dictionary<string, string>
            {
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["DevKafka__Port"] = port.ToString(CultureInfo.InvariantCulture),
                ["DevKafka__PartitionsPerTopic"] = options.Partitions.ToString(CultureInfo.InvariantCulture),
            },
            Path.Combine(options.LogDirectory, "kafka.log"), _logger);
        _kafka.Add(kafka);
        kafka.Start();
        return kafka;
    }

    /// <summary>The postmaster: the parent of any backend.</summary>
    private static async Task<int> PostmasterAsync(PostgresServer postgres, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        int backend = (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return ProcessTree.ParentOf(backend) ?? throw new InvalidOperationException("Could not find the PostgreSQL postmaster.");
    }

    private static long MemoryBytes()
    {
        string? line = File.ReadLines("/proc/meminfo").FirstOrDefault(text => text.StartsWith("MemTotal:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static Dictionary<string, double> Difference(Dictionary<string, double> before, Dictionary<string, double> after)
        => after.ToDictionary(entry => entry.Key, entry => entry.Value - before.GetValueOrDefault(entry.Key));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record PipelineFigures(PhaseResult? FirstLoad, IReadOnlyList<PhaseResult> Latency, IReadOnlyList<PhaseResult> Steps, CopyFigures? Copy);

    /// <summary>Runs one load through the pipeline and measures it.</summary>
    private sealed class PhaseRunner(BenchmarkSuite suite, PipelineProgress progress, TelemetryQueries queries)
    {
        public async Task<PhaseResult> RunAsync(string name, double rate, TimeSpan duration, bool latency, CancellationToken cancellationToken, int perSecond = 0)
        {
            Log.BenchmarkPhase(suite._logger, name, rate, duration);
            suite._meters.Sample();
            Dictionary<string, double> before = suite._meters.Cpu();
            double machineBefore = MachineCpu.BusySeconds();
            long forwardedBefore = progress.Forwarded();
            long decodedBefore = progress.Decoded();
            long committedBefore = progress.Committed();
            var backlog = new List<(DateTime At, long Messages)>();
            ServiceProcess simulator = suite.NewSimulator(name, rate);
            SimulatorResult load = await SimulatorRun.RunAsync(simulator, duration,
                published => backlog.Add((DateTime.UtcNow, published - (progress.Committed() - committedBefore))), cancellationToken).ConfigureAwait(false);
            TimeSpan? drain = await progress.WaitDrainedAsync(decodedBefore, load.Published, load.StoppedAt, DrainTimeout, cancellationToken).ConfigureAwait(false);
            if (drain is null)
            {
                Log.BenchmarkNotDrained(suite._logger, name, load.Published, progress.Forwarded() - forwardedBefore,
                    progress.Decoded() - decodedBefore, progress.Committed() - committedBefore);
            }

            suite._meters.Sample();
            Dictionary<string, double> after = suite._meters.Cpu();
            double machine = MachineCpu.BusySeconds() - machineBefore;

            long rows = await queries.RowsAsync(load.StartedAt - TimeSpan.FromSeconds(1), load.StoppedAt + TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            LatencyFigures? figures = latency
                ? await queries.LatencyAsync(load.StartedAt + TimeSpan.FromSeconds(2), load.StoppedAt + TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false)
                : null;
            IReadOnlyList<LatencySecond> seconds = perSecond > 0
                ? await queries.LatencyPerSecondAsync(load.StartedAt, perSecond, cancellationToken).ConfigureAwait(false)
                : [];
            Dictionary<string, double> cpu = Difference(before, after);
            var result = new PhaseResult
            {
                Name = name,
                TargetRate = rate,
                Load = load,
                Rows = rows,
                Drain = drain,
                BacklogGrowth = Slope(backlog.Skip(backlog.Count / 2).ToList()),
                Latency = figures,
                LatencyPerSecond = seconds,
                Cpu = cpu,
                OtherCpu = Math.Max(0, machine - cpu.Values.Sum()),
            };
            string cost = string.Join(", ", result.Cpu.Where(entry => entry.Value > 0)
                .Select(entry => Invariant($"{entry.Key} {entry.Value * 1e6 / Math.Max(load.Published, 1):F0}")));
            Log.BenchmarkPhaseDone(suite._logger, name, load.Rate, result.RowsPerSecond, drain?.TotalSeconds ?? double.NaN, result.BacklogGrowth, result.Sustained, cost);
            await Task.Delay(Pause, cancellationToken).ConfigureAwait(false);
            return result;
        }

        /// <summary>Least-squares slope of the backlog over time, messages per second (0 with fewer than 3 points).</summary>
        private static double Slope(List<(DateTime At, long Messages)> points)
        {
            if (points.Count < 3)
            {
                return 0;
            }

            DateTime origin = points[0].At;
            double meanX = points.Average(point => (point.At - origin).TotalSeconds);
            double meanY = points.Average(point => (double)point.Messages);
            double numerator = points.Sum(point => ((point.At - origin).TotalSeconds - meanX) * (point.Messages - meanY));
            double denominator = points.Sum(point => Math.Pow((point.At - origin).TotalSeconds - meanX, 2));
            return denominator == 0 ? 0 : numerator / denominator;
        }
    }
}

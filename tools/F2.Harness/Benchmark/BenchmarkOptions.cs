using System.Globalization;

namespace F2.Harness.Benchmark;

/// <summary>The benchmark's command line (see <see cref="Usage"/>); every figure has a default that matches the issue.</summary>
public sealed record BenchmarkOptions
{
    public const string Usage =
        "benchmark [--quick] [--phases ceiling,first,latency,throughput,copy,doors] [--first-rate N] [--first-seconds S] [--doors-rate N] [--doors-seconds S] [--rates N,N,...] [--latency-rates N,N,...] "
        + "[--step-seconds S] [--latency-seconds S] [--ceiling-seconds S] [--devices N] [--partitions N] [--decoders N] [--sinks N] "
        + "[--set Section:Key=Value]... [--service-env NAME=VALUE]... [--docs PATH | --no-docs] [--report PATH] [--logs DIR]";

    /// <summary>
    /// Which parts run: the MQTT ceiling (before and after the pipeline's phases), the first load right after the
    /// pipeline reported ready (without it, a 2,000 msg/s warm-up), the fixed-rate latency runs, the throughput steps,
    /// the COPY ceiling, and the door stage on its own (<see cref="DoorsBenchmark"/>).
    /// </summary>
    public IReadOnlySet<string> Phases { get; init; } = new HashSet<string> { "ceiling", FirstLoadPhase, "latency", "throughput", "copy", DoorsPhase };

    public const string DoorsPhase = "doors";

    public const string FirstLoadPhase = "first";

    /// <summary>The rate offered right after the pipeline reported ready (messages per second).</summary>
    public double FirstLoadRate { get; init; } = 5_000;

    /// <summary>How long that first load lasts; its first 10 seconds are reported one by one.</summary>
    public TimeSpan FirstLoadDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The rate of door-heavy decoded traffic the door stage is offered (messages per second).</summary>
    public double DoorsRate { get; init; } = 10_000;

    /// <summary>How long the door stage is offered that rate (seconds).</summary>
    public double DoorsSeconds { get; init; } = 30;

    /// <summary>Offered rates of the throughput steps, lowest first; the search stops at the first step whose lag grows.</summary>
    public IReadOnlyList<double> Rates { get; init; } = [5_000, 10_000, 12_500, 15_000, 17_500, 20_000, 25_000, 30_000, 40_000];

    /// <summary>Fixed rates at which latency percentiles are measured.</summary>
    public IReadOnlyList<double> LatencyRates { get; init; } = [1_000, 5_000, 20_000];

    public TimeSpan StepDuration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan LatencyDuration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan CeilingDuration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Simulated devices (the simulator writes their <c>device_parameters</c> rows first).</summary>
    public int Devices { get; init; } = 1_000;

    /// <summary>Partitions per topic of the Kafka stand-in (the AppHost's default is 6).</summary>
    public int Partitions { get; init; } = 6;

    public int DecoderReplicas { get; init; } = 1;

    public int SinkReplicas { get; init; } = 1;

    /// <summary>Settings for every service (<c>Section:Key</c> = value), e.g. <c>Sink:Linger=00:00:00.050</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Raw environment variables for every service, e.g. <c>DOTNET_gcServer=0</c>.</summary>
    public IReadOnlyDictionary<string, string> ServiceEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>The document whose benchmark section is replaced by the new table; null to leave it alone.</summary>
    public string? DocsPath { get; init; } = "docs/PERFORMANCE.md";

    /// <summary>Where to write the table on its own (Markdown); none when null.</summary>
    public string? ReportPath { get; init; }

    public string LogDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "f2-benchmark-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    /// <summary>A short run to try the command: fewer, shorter steps; docs are left alone.</summary>
    public static BenchmarkOptions QuickDefaults => new()
    {
        Rates = [5_000, 10_000, 20_000],
        StepDuration = TimeSpan.FromSeconds(12),
        LatencyDuration = TimeSpan.FromSeconds(10),
        CeilingDuration = TimeSpan.FromSeconds(8),
        DocsPath = null,
    };

    public static BenchmarkOptions Parse(IReadOnlyList<string> arguments)
    {
        BenchmarkOptions options = arguments.Contains("--quick") ? QuickDefaults : new BenchmarkOptions();
        var settings = new Dictionary<string, string>();
        var environment = new Dictionary<string, string>();
        for (int i = 0; i < arguments.Count; i++)
        {
            string Value() => i + 1 < arguments.Count ? arguments[++i] : throw new ArgumentException($"{arguments[i]} needs a value.");
            options = arguments[i] switch
            {
                "benchmark" or "--quick" => options,
                "--phases" => options with { Phases = List(Value()).ToHashSet() },
                "--first-rate" => options with { FirstLoadRate = Number(Value()) },
                "--first-seconds" => options with { FirstLoadDuration = TimeSpan.FromSeconds(Number(Value())) },
                "--doors-rate" => options with { DoorsRate = Number(Value()) },
                "--doors-seconds" => options with { DoorsSeconds = Number(Value()) },
                "--rates" => options with { Rates = [.. List(Value()).Select(Number)] },
                "--latency-rates" => options with { LatencyRates = [.. List(Value()).Select(Number)] },
                "--step-seconds" => options with { StepDuration = TimeSpan.FromSeconds(Number(Value())) },
                "--latency-seconds" => options with { LatencyDuration = TimeSpan.FromSeconds(Number(Value())) },
                "--ceiling-seconds" => options with { CeilingDuration = TimeSpan.FromSeconds(Number(Value())) },
                "--devices" => options with { Devices = (int)Number(Value()) },
                "--partitions" => options with { Partitions = (int)Number(Value()) },
                "--decoders" => options with { DecoderReplicas = (int)Number(Value()) },
                "--sinks" => options with { SinkReplicas = (int)Number(Value()) },
                "--set" => Add(options, settings, Value()),
                "--service-env" => Add(options, environment, Value()),
                "--docs" => options with { DocsPath = Value() },
                "--no-docs" => options with { DocsPath = null },
                "--report" => options with { ReportPath = Value() },
                "--logs" => options with { LogDirectory = Path.GetFullPath(Value()) },
                _ => throw new ArgumentException($"Unknown argument '{arguments[i]}'. Usage: {Usage}"),
            };
        }

        string[] unknown = [.. options.Phases.Except(["ceiling", FirstLoadPhase, "latency", "throughput", "copy", DoorsPhase])];
        return unknown.Length > 0
            ? throw new ArgumentException($"Unknown phase(s) {string.Join(", ", unknown)}. Usage: {Usage}")
            : options with { Settings = settings, ServiceEnvironment = environment };
    }

    /// <summary>The settings that differ from the services' defaults, for the report.</summary>
    public string Describe()
    {
        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{Devices} devices, {Partitions} partitions per topic, {DecoderReplicas} Decoder and {SinkReplicas} Sink"),
        };
        parts.AddRange(Settings.Select(setting => $"`{setting.Key}={setting.Value}`"));
        parts.AddRange(ServiceEnvironment.Select(variable => $"`{variable.Key}={variable.Value}`"));
        return string.Join(", ", parts);
    }

    private static IEnumerable<string> List(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static double Number(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static BenchmarkOptions Add(BenchmarkOptions options, Dictionary<string, string> target, string pair)
    {
        int equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new ArgumentException($"'{pair}' must be NAME=VALUE.");
        }

        target[pair[..equals]] = pair[(equals + 1)..];
        return options;
    }
}

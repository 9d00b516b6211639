using System.Globalization;

namespace F2.Harness;

/// <summary>
/// The suite's command line: <c>reliability [--quick] [--report PATH] [--only NAME,NAME] [--rate N]
/// [--duration SECONDS] [--logs DIR]</c>.
/// </summary>
public sealed record SuiteOptions
{
    /// <summary>The CI subset with short runs.</summary>
    public bool Quick { get; init; }

    /// <summary>Where to write the Markdown report; none when null.</summary>
    public string? ReportPath { get; init; }

    /// <summary>Run only these scenarios (by name).</summary>
    public IReadOnlySet<string>? Only { get; init; }

    /// <summary>Messages per second offered during the fault scenarios.</summary>
    public double Rate { get; init; } = 300;

    /// <summary>Load duration of a scenario with an instant fault (injected at a third of it).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>How long the 30 s outages last.</summary>
    public TimeSpan Outage { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Overload: messages per second offered, for <see cref="OverloadDuration"/>.</summary>
    public double OverloadRate { get; init; } = 1500;

    public TimeSpan OverloadDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Overload: rows per Sink batch (a small batch throttles the Sink honestly, by configuration).</summary>
    public int OverloadSinkBatchSize { get; init; } = 4;

    /// <summary>Overload: the resident memory no service may exceed.</summary>
    public long MemoryBoundBytes { get; init; } = 250L * 1024 * 1024;

    /// <summary>Where the services' logs go (a folder per scenario).</summary>
    public string LogDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "f2-reliability-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    /// <summary>The CI subset's settings: a lower rate and short runs.</summary>
    public static SuiteOptions QuickDefaults => new()
    {
        Quick = true,
        Rate = 200,
        Duration = TimeSpan.FromSeconds(15),
    };

    public static SuiteOptions Parse(IReadOnlyList<string> arguments)
    {
        SuiteOptions options = arguments.Contains("--quick") ? QuickDefaults : new SuiteOptions();
        for (int i = 0; i < arguments.Count; i++)
        {
            string Value() => i + 1 < arguments.Count ? arguments[++i] : throw new ArgumentException($"{arguments[i]} needs a value.");
            options = arguments[i] switch
            {
                "reliability" or "--quick" => options,
                "--report" => options with { ReportPath = Value() },
                "--only" => options with { Only = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet() },
                "--rate" => options with { Rate = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--overload-rate" => options with { OverloadRate = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--logs" => options with { LogDirectory = Path.GetFullPath(Value()) },
                _ => throw new ArgumentException($"Unknown argument '{arguments[i]}'. Usage: reliability [--quick] [--report PATH] [--only NAME,NAME] [--rate N] [--duration SECONDS] [--overload-rate N] [--logs DIR]"),
            };
        }

        return options;
    }
}

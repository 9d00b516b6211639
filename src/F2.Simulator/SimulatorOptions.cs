using System.ComponentModel.DataAnnotations;
using F2.Simulator.Models;

namespace F2.Simulator;

/// <summary>The <c>Simulator</c> section. The broker comes from <c>ConnectionStrings:mqtt</c>.</summary>
internal sealed class SimulatorOptions : IValidatableObject
{
    public const string SectionName = "Simulator";

    /// <summary>How many devices to simulate.</summary>
    [Range(1, 1_000_000)]
    public int Devices { get; set; } = 10;

    /// <summary>Model name → weight (e.g. <c>F2-212=2</c>, <c>F2-401=1</c>); empty means all seven models equally.</summary>
    public Dictionary<string, double> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Messages per second over all devices; 0 publishes as fast as the broker takes them. Not with <see cref="RatePerDevice"/>.</summary>
    [Range(0.0, 10_000_000.0)]
    public double? Rate { get; set; }

    /// <summary>Messages per second per device (the total is this times <see cref="Devices"/>). Not with <see cref="Rate"/>.</summary>
    [Range(0.000_001, 1_000_000.0)]
    public double? RatePerDevice { get; set; }

    /// <summary>How long to run; zero runs until stopped.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.Zero;

    /// <summary>Stop after publishing this many messages; 0 for no limit.</summary>
    [Range(0L, long.MaxValue)]
    public long MessageCount { get; set; }

    /// <summary>Seed of every random choice (device ids, models' behaviour, faults): same seed, same messages.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>MQTT QoS of the publishes.</summary>
    [Range(0, 2)]
    public int Qos { get; set; } = 1;

    /// <summary>How many MQTT connections publish in parallel.</summary>
    [Range(1, 256)]
    public int Connections { get; set; } = 2;

    /// <summary>Publishes in flight (awaiting their acknowledgement) per connection.</summary>
    [Range(1, 65_535)]
    public int MaxInFlight { get; set; } = 512;

    /// <summary>Upsert each device's <c>device_parameters</c> rows into <c>ConnectionStrings:devicedb</c> at start.</summary>
    public bool WriteDeviceParameters { get; set; }

    /// <summary>Share of deliberately bad messages (bad topic, bad JSON, bad value), 0 to 1; off by default.</summary>
    [Range(0.0, 1.0)]
    public double FaultFraction { get; set; }

    /// <summary>Door use and injected door anomalies (section <c>Simulator:Doors</c>).</summary>
    public DoorTrafficOptions Doors { get; set; } = new();

    /// <summary>How often progress (messages and rate so far) is logged.</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts to connect (each connection) before giving up; the wait doubles from <see cref="ConnectRetryDelay"/>.</summary>
    [Range(1, 100)]
    public int ConnectAttempts { get; set; } = 5;

    /// <summary>The wait before the second connection attempt.</summary>
    public TimeSpan ConnectRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The total target rate in messages per second; 0 means unthrottled.</summary>
    public double TargetRate => RatePerDevice * Devices ?? Rate ?? Devices;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Rate is not null && RatePerDevice is not null)
        {
            yield return new("Set Rate or RatePerDevice, not both.", [nameof(Rate), nameof(RatePerDevice)]);
        }

        foreach ((string name, double weight) in Models)
        {
            if (!DeviceModels.TryGet(name, out _))
            {
                yield return new($"Unknown model '{name}'; known: {string.Join(", ", DeviceModels.All.Select(m => m.Name))}.", [nameof(Models)]);
            }
            else if (weight < 0 || !double.IsFinite(weight))
            {
                yield return new($"Model weight of '{name}' must be a finite number >= 0.", [nameof(Models)]);
            }
        }

        if (Models.Count > 0 && !Models.Values.Any(w => w > 0))
        {
            yield return new("At least one model needs a weight above 0.", [nameof(Models)]);
        }

        if (Duration < TimeSpan.Zero)
        {
            yield return new("Duration must be zero (run until stopped) or positive.", [nameof(Duration)]);
        }

        var doorResults = new List<ValidationResult>();
        Validator.TryValidateObject(Doors, new ValidationContext(Doors), doorResults, validateAllProperties: true);
        foreach (ValidationResult result in doorResults)
        {
            yield return new($"Doors: {result.ErrorMessage}", [.. result.MemberNames.Select(m => $"{nameof(Doors)}:{m}")]);
        }

        if (ReportInterval <= TimeSpan.Zero || ConnectRetryDelay < TimeSpan.Zero)
        {
            yield return new("ReportInterval must be positive and ConnectRetryDelay not negative.", [nameof(ReportInterval), nameof(ConnectRetryDelay)]);
        }
    }
}

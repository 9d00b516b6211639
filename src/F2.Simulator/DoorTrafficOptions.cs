using System.ComponentModel.DataAnnotations;

namespace F2.Simulator;

/// <summary>
/// The <c>Simulator:Doors</c> section: how often each door is used and which share of its uses is an anomaly the door
/// stage must report (docs/SIMULATOR.md, Doors). Every share is of a door's uses (sequences), 0 to 1; together at most 1.
/// </summary>
internal sealed class DoorTrafficOptions : IValidatableObject
{
    /// <summary>The shortest pause between two uses of a door: longer than every window of the door stage's defaults.</summary>
    public static readonly TimeSpan MinimumIdle = TimeSpan.FromSeconds(12);

    /// <summary>Mean pause between the end of one use of a door and the start of the next (at least <see cref="MinimumIdle"/>).</summary>
    public TimeSpan Idle { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Share of uses that are a door opened with the strike locked and no grant or exit request: <c>door_forced_open</c>.</summary>
    [Range(0.0, 1.0)]
    public double ForcedOpenShare { get; set; } = 0.003;

    /// <summary>Share of uses in which an authorized door stays open past <c>held_open</c>: <c>door_held_open</c>.</summary>
    [Range(0.0, 1.0)]
    public double HeldOpenShare { get; set; } = 0.003;

    /// <summary>Share of uses that are an unknown card read, never followed by an unlock: <c>access_denied</c> (doors with a reader).</summary>
    [Range(0.0, 1.0)]
    public double DeniedCardShare { get; set; } = 0.003;

    /// <summary>Share of uses that are an unlock without a read or an exit request: <c>unexplained_unlock</c>.</summary>
    [Range(0.0, 1.0)]
    public double UnexplainedUnlockShare { get; set; } = 0.003;

    /// <summary>Share of uses after which the strike stays unlocked past <c>relock_timeout</c> from the closing: <c>failed_to_relock</c>.</summary>
    [Range(0.0, 1.0)]
    public double FailedRelockShare { get; set; } = 0.003;

    /// <summary>Share of uses that are an exit button press and an opening with the strike left locked (doors with an exit button): only <c>exit_request</c>, never forced.</summary>
    [Range(0.0, 1.0)]
    public double QuietExitShare { get; set; } = 0.003;

    /// <summary>Share of uses in which a granted card's door is never opened: <c>granted_no_entry</c> (doors with a reader).</summary>
    [Range(0.0, 1.0)]
    public double UnusedGrantShare { get; set; } = 0.003;

    /// <summary>Where to append the ground truth: one line per injected anomaly (device, door, type, device time); none when empty.</summary>
    public string? GroundTruthFile { get; set; }

    /// <summary>The shares in the order of <c>DoorUse</c>'s anomalies.</summary>
    public double[] Shares => [ForcedOpenShare, HeldOpenShare, DeniedCardShare, UnexplainedUnlockShare, FailedRelockShare, QuietExitShare, UnusedGrantShare];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Idle < MinimumIdle)
        {
            yield return new($"Doors:Idle must be at least {MinimumIdle} (the door stage's longest default window).", [nameof(Idle)]);
        }

        if (Shares.Sum() > 1.0 + 1e-9)
        {
            yield return new("The Doors anomaly shares add up to more than 1.", [nameof(Shares)]);
        }
    }
}

namespace F2.Harness.Load;

/// <summary>What the load generator offers: <see cref="Rate"/> messages per second in total for <see cref="Duration"/>.</summary>
public sealed record LoadPlan
{
    public required double Rate { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>MQTT connections; each plays every n-th device.</summary>
    public int Publishers { get; init; } = 4;

    /// <summary>Deliberately bad messages (<c>value_invalid</c>), one in this many, so dead letters are accounted too.</summary>
    public int OneBadIn { get; init; } = 50;

    /// <summary>Unacknowledged publishes per connection at most (also capped by the broker's receive maximum).</summary>
    public int MaxInFlight { get; init; } = 100;

    public int Messages => (int)Math.Round(Rate * Duration.TotalSeconds);
}

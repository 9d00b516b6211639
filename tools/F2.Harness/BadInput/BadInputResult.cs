using F2.Harness.Scenarios;
using F2.Testing.BadInput;

namespace F2.Harness.BadInput;

/// <summary>A service's <c>/health</c> answer after the corpus: HTTP status and body.</summary>
public sealed record ServiceHealth(string Name, int StatusCode, string Body)
{
    public bool Healthy => StatusCode == 200;
}

/// <summary>What the flood did: messages sent, refused, and where the valid and invalid ones ended up.</summary>
public sealed record FloodFigures(int Sent, int Refused, int ExpectedRows, long Rows, int ExpectedDeadLetters, long DeadLetters)
{
    public bool AsExpected => Refused == 0 && Rows == ExpectedRows && DeadLetters == ExpectedDeadLetters;
}

/// <summary>The bad-input scenario's findings: a verdict per corpus kind, the flood, and the services afterwards.</summary>
public sealed record BadInputResult
{
    public IReadOnlyList<BadInputVerdict> Verdicts { get; init; } = [];

    public FloodFigures? Flood { get; init; }

    /// <summary>Whether a valid message sent after everything else became a row.</summary>
    public bool LateMessageStored { get; init; }

    public IReadOnlyList<ServiceHealth> Health { get; init; } = [];

    public IReadOnlyList<ProcessFigures> Processes { get; init; } = [];

    /// <summary>Anything else that makes the run fail (a service that exited, one that could not run).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public required string LogDirectory { get; init; }

    public bool Passed => Verdicts.Count > 0 && Verdicts.All(verdict => verdict.AsExpected) && Flood is { AsExpected: true }
        && LateMessageStored && Health.All(service => service.Healthy) && Problems.Count == 0;
}

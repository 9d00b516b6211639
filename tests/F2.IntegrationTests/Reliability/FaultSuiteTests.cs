using F2.Harness;
using F2.Harness.Accounting;
using F2.Harness.Scenarios;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace F2.Tests.Reliability;

/// <summary>
/// The CI subset of the reliability suite (<c>reliability --quick</c>): the services run as separate processes (built
/// with this test project, in its configuration) against Mosquitto, PostgreSQL and the Kafka stand-in; a fault hits
/// them under load; every acknowledged message must end up exactly once as a row or a dead letter, and the hourly rollup must count
/// each row once.
/// It runs alone (no other test in parallel): it starts real processes and puts the machine under load.
/// </summary>
[Collection(FaultSuiteCollection.Name)]
public sealed class FaultSuiteTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(8);

    [Theory]
    [InlineData("kill-sink")]
    [InlineData("kill-ingest")]
    [InlineData("postgres-immediate-restart")]
    [InlineData("partition-leader-down-up")]
    public async Task NoAcknowledgedMessageIsLostOrStoredTwiceWhenTheFaultHits(string fault)
    {
        SuiteOptions options = SuiteOptions.QuickDefaults with
        {
            Only = new HashSet<string> { fault },
            LogDirectory = Path.Combine(Path.GetTempPath(), "f2-fault-suite-" + Guid.NewGuid().ToString("N")[..8]),
        };

        SuiteRun run = await ReliabilitySuite.RunAsync(options, NullLogger.Instance, CancellationToken.None).WaitAsync(ScenarioTimeout);

        ScenarioResult result = Assert.Single(run.Results);
        output.WriteLine(Describe(result));
        Assert.True(result.Problems.Count == 0, Describe(result));
        MessageAccount account = result.Account!;
        Assert.True(account.Acknowledged > 0, Describe(result));
        Assert.True(account.Lost == 0, Describe(result));
        Assert.True(account.DuplicateRows == 0, Describe(result));
        Assert.True(account.InBoth == 0 && account.Misrouted == 0 && account.Corrupt == 0, Describe(result));
        Assert.True(account.Hourly.Series > 0 && account.Hourly.Matches, Describe(result));
        Directory.Delete(options.LogDirectory, recursive: true); // kept only when the test fails
    }

    private static string Describe(ScenarioResult result) => result.Account is { } a
        ? $"{result.Scenario.Name}: acknowledged {a.Acknowledged}, rows {a.RowMessages} ({a.Rows} rows), dead-lettered {a.DeadLettered}, "
            + $"lost {a.Lost}, duplicate rows {a.DuplicateRows}, stored and dead-lettered {a.InBoth}, misrouted {a.Misrouted}, corrupt {a.Corrupt}, "
            + $"hourly rollup series-hours {a.Hourly.Series} of which differ {a.Hourly.Mismatched}, "
            + $"recovery {result.Recovery?.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "none"} s; "
            + $"problems: {(result.Problems.Count == 0 ? "none" : string.Join("; ", result.Problems))}; service logs in {result.LogDirectory}"
        : $"{result.Scenario.Name} did not run: {string.Join("; ", result.Problems)}; service logs in {result.LogDirectory}";
}

/// <summary>The fault suite runs after the parallel tests, on its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultSuiteCollection
{
    public const string Name = "Fault suite";
}

using F2.Harness.BadInput;
using F2.Harness.Pipeline;
using F2.Harness.Scenarios;
using F2.Testing;
using Microsoft.Extensions.Logging;

namespace F2.Harness;

/// <summary>Runs the selected scenarios one after another on one PostgreSQL server, each on a fresh pipeline.</summary>
public static class ReliabilitySuite
{
    public static async Task<SuiteRun> RunAsync(SuiteOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        DateTime startedAt = DateTime.UtcNow;
        double loadAtStart = MachineFacts.LoadAverage();
        ServiceBinaries binaries = ServiceBinaries.LocateFor(typeof(ReliabilitySuite).Assembly);
        var results = new List<ScenarioResult>();
        BadInputResult? badInput = null;
        var postgres = new PostgresServer();
        await postgres.InitializeAsync().WaitAsync(TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
        try
        {
            var runner = new ScenarioRunner(postgres, binaries, options.LogDirectory, logger);
            foreach (Scenario scenario in ScenarioCatalog.For(options))
            {
                results.Add(await RunOneAsync(runner, scenario, options, logger, cancellationToken).ConfigureAwait(false));
            }

            if (options.Only?.Contains(BadInputScenario.Name) ?? !options.Quick)
            {
                badInput = await new BadInputScenario(postgres, binaries, options.LogDirectory, logger).RunAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await postgres.DisposeAsync().ConfigureAwait(false);
        }

        return new SuiteRun
        {
            Options = options,
            Results = results,
            BadInput = badInput,
            StartedAt = startedAt,
            FinishedAt = DateTime.UtcNow,
            Machine = MachineFacts.Read(binaries.RepositoryRoot),
            Configuration = binaries.Configuration,
            LoadAverage = (loadAtStart, MachineFacts.LoadAverage()),
        };
    }

    /// <summary>A scenario that cannot run (a service that does not start, a server that fails) is a failed result, not the end of the suite.</summary>
    private static async Task<ScenarioResult> RunOneAsync(ScenarioRunner runner, Scenario scenario, SuiteOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await runner.RunAsync(scenario, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.ScenarioCrashed(logger, e, scenario.Name);
            return new ScenarioResult
            {
                Scenario = scenario,
                Problems = [$"could not run: {e.GetType().Name}: {e.Message}"],
                LogDirectory = Path.Combine(options.LogDirectory, scenario.Name),
            };
        }
    }
}

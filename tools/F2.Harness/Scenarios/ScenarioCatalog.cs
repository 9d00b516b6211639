using F2.Harness.Load;
using F2.Harness.Pipeline;

namespace F2.Harness.Scenarios;

/// <summary>The suite's scenarios: the full list, and the quick subset CI runs.</summary>
public static class ScenarioCatalog
{
    /// <summary>The messages queued for Ingest in <c>ingest-backlog</c> (issue #12: 300,000).</summary>
    public const int BacklogMessages = 300_000;

    private const double BacklogRate = 5_000;

    /// <summary>Every scenario, in the order the report lists them; the quick subset when <see cref="SuiteOptions.Quick"/>.</summary>
    public static IReadOnlyList<Scenario> For(SuiteOptions options)
    {
        IEnumerable<Scenario> scenarios = options.Quick ? Quick(options) : Full(options);
        return [.. scenarios.Where(scenario => options.Only is null || options.Only.Contains(scenario.Name))];
    }

    public static IEnumerable<Scenario> Quick(SuiteOptions options)
    {
        yield return Instant(options, "kill-sink", "kill -9 of the Sink while it writes batches under load, restarted at once", Faults.KillAndRestart("sink-1"));
        yield return Instant(options, "kill-ingest", "kill -9 of Ingest under load, restarted at once", Faults.KillAndRestart("ingest-1"));
        yield return Instant(options, "postgres-immediate-restart", "PostgreSQL (devicedb and telemetrydb) stopped in immediate mode during writes and started again", Faults.RestartPostgresImmediately());
        yield return Outage(options, "partition-leader-down-up", "the broker leading raw_iot_data partition 0 (and a third of all partitions) down for 10 s, leadership moved to another broker after 1 s, then back", Faults.PartitionLeaderDownAndUp(TimeSpan.FromSeconds(10)), TimeSpan.FromSeconds(10));
    }

    public static IEnumerable<Scenario> Full(SuiteOptions options)
    {
        yield return new Scenario
        {
            Name = "baseline",
            Description = "no fault (reference)",
            Load = LoadOf(options, options.Duration),
        };
        yield return Instant(options, "kill-ingest", "kill -9 of Ingest under load, restarted at once", Faults.KillAndRestart("ingest-1"));
        yield return Instant(options, "kill-decoder", "kill -9 of the Decoder under load, restarted at once", Faults.KillAndRestart("decoder-1"));
        yield return Instant(options, "kill-sink", "kill -9 of the Sink while it writes batches under load, restarted at once", Faults.KillAndRestart("sink-1"));
        yield return Instant(options, "postgres-immediate-restart", "PostgreSQL (devicedb and telemetrydb) stopped in immediate mode during writes and started again", Faults.RestartPostgresImmediately());
        yield return Outage(options, "devicedb-unreachable", $"the Decoder's path to devicedb cut for {options.Outage.TotalSeconds:0} s (open connections closed, new ones reset)", Faults.CutDeviceDb(options.Outage), options.Outage);
        yield return Instant(options, "mosquitto-graceful-restart", "Mosquitto stopped with SIGTERM and started again on the same port", Faults.RestartMosquitto());
        yield return Outage(options, "partition-leader-down-up", "the broker leading raw_iot_data partition 0 (and a third of all partitions) down for 10 s, leadership moved to another broker after 1 s, then back", Faults.PartitionLeaderDownAndUp(TimeSpan.FromSeconds(10)), TimeSpan.FromSeconds(10));
        yield return Outage(options, "kafka-unreachable", $"every broker of the Kafka stand-in down for {options.Outage.TotalSeconds:0} s: Kafka unreachable from Ingest (and from every other service)", Faults.AllBrokersDown(options.Outage), options.Outage);
        yield return Instant(options, "replica-killed", "two replicas each of Decoder and Sink; decoder-2 and sink-2 killed (kill -9) mid-stream and not restarted: the survivors take over their partitions", Faults.KillForGood("decoder-2", "sink-2")) with
        {
            Shape = new PipelineShape { DecoderReplicas = 2, SinkReplicas = 2 },
            KilledForGood = new HashSet<string> { "decoder-2", "sink-2" },
        };
        yield return IngestBacklog(options);
        yield return new Scenario
        {
            Name = "overload",
            Kind = ScenarioKind.Overload,
            Description = $"{options.OverloadRate:0} msg/s for {options.OverloadDuration.TotalSeconds:0} s into one Sink throttled to batches of {options.OverloadSinkBatchSize} rows",
            Shape = new PipelineShape { SinkBatchSize = options.OverloadSinkBatchSize },
            Load = new LoadPlan { Rate = options.OverloadRate, Duration = options.OverloadDuration, Publishers = 8 },
            MemoryBoundBytes = options.MemoryBoundBytes,
            DrainTimeout = TimeSpan.FromMinutes(15),
        };
    }

    /// <summary>
    /// Ingest stopped as the load starts and started after it: devices publish a little more than
    /// <see cref="BacklogMessages"/> QoS 1 messages, which Mosquitto queues in Ingest's session, then Ingest drains
    /// them with every service's memory within the bound (<see cref="SuiteOptions.MemoryBoundBytes"/>).
    /// </summary>
    public static Scenario IngestBacklog(SuiteOptions options)
    {
        // Two seconds more than the backlog: the first messages may reach Ingest before it has stopped.
        var load = new LoadPlan { Rate = BacklogRate, Duration = TimeSpan.FromSeconds((BacklogMessages / BacklogRate) + 2), Publishers = 8 };
        return new Scenario
        {
            Name = "ingest-backlog",
            Description = $"Ingest stopped (SIGTERM) while devices publish {load.Messages:N0} QoS 1 messages at {BacklogRate:N0} msg/s (Mosquitto queues them in its session), then started: it drains the backlog within {options.MemoryBoundBytes / 1_048_576} MiB",
            Load = load,
            Inject = Faults.StopFor("ingest-1", load.Duration + TimeSpan.FromSeconds(5)),
            MemoryBoundBytes = options.MemoryBoundBytes,
            DrainTimeout = TimeSpan.FromMinutes(10),
        };
    }

    /// <summary>An instant fault at a third of the load.</summary>
    private static Scenario Instant(SuiteOptions options, string name, string description, Func<ScenarioContext, CancellationToken, Task> inject) => new()
    {
        Name = name,
        Description = description,
        Load = LoadOf(options, options.Duration),
        FaultAt = options.Duration / 3,
        Inject = inject,
    };

    /// <summary>A fault lasting <paramref name="outage"/>, with as much load before it as after.</summary>
    private static Scenario Outage(SuiteOptions options, string name, string description, Func<ScenarioContext, CancellationToken, Task> inject, TimeSpan outage) => new()
    {
        Name = name,
        Description = description,
        Load = LoadOf(options, options.Duration / 3 * 2 + outage),
        FaultAt = options.Duration / 3,
        Inject = inject,
    };

    private static LoadPlan LoadOf(SuiteOptions options, TimeSpan duration) => new() { Rate = options.Rate, Duration = duration };
}

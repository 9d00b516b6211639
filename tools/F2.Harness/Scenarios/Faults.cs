using Confluent.Kafka;
using F2.DevKafka;
using F2.Harness.Pipeline;

namespace F2.Harness.Scenarios;

/// <summary>The faults the suite injects; each breaks something and restores it before returning.</summary>
public static class Faults
{
    /// <summary>How long the stand-in takes to "elect" a new leader after the old one went down.</summary>
    private static readonly TimeSpan ElectionDelay = TimeSpan.FromSeconds(1);

    /// <summary>kill -9 of one service, and a new process started at once (as an orchestrator would).</summary>
    public static Func<ScenarioContext, CancellationToken, Task> KillAndRestart(string service)
        => (context, _) => context.Processes.KillAsync(service, restart: true);

    /// <summary>
    /// A service stopped cleanly (SIGTERM) for <paramref name="down"/> while the load goes on, then started again: for
    /// Ingest, the broker queues what the devices publish meanwhile in its persistent session, and Ingest drains it.
    /// </summary>
    public static Func<ScenarioContext, CancellationToken, Task> StopFor(string service, TimeSpan down)
        => async (context, cancellationToken) =>
        {
            ServiceProcess process = context.Processes[service];
            await process.StopAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            try
            {
                await Task.Delay(down, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                process.Start();
            }

            await process.WaitHealthyAsync(TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
        };

    /// <summary>kill -9 of services that stay dead: their partitions must move to the surviving replicas.</summary>
    public static Func<ScenarioContext, CancellationToken, Task> KillForGood(params string[] services)
        => async (context, _) =>
        {
            foreach (string service in services)
            {
                await context.Processes.KillAsync(service, restart: false).ConfigureAwait(false);
            }
        };

    /// <summary><c>pg_ctl stop -m immediate</c> (a crash: every connection breaks) and start again.</summary>
    public static Func<ScenarioContext, CancellationToken, Task> RestartPostgresImmediately()
        => (context, _) => context.Infrastructure.Postgres.RestartImmediateAsync();

    /// <summary>The Decoder's path to devicedb cut (open connections closed, new ones reset) for <paramref name="outage"/>.</summary>
    public static Func<ScenarioContext, CancellationToken, Task> CutDeviceDb(TimeSpan outage)
        => async (context, cancellationToken) =>
        {
            context.Infrastructure.DeviceDbPath.Interrupt();
            try
            {
                await Task.Delay(outage, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                context.Infrastructure.DeviceDbPath.Resume();
            }
        };

    /// <summary>Mosquitto stopped with SIGTERM (it saves sessions and queues) and started again on the same port.</summary>
    public static Func<ScenarioContext, CancellationToken, Task> RestartMosquitto()
        => (context, _) => context.Infrastructure.Mosquitto.RestartAsync();

    /// <summary>
    /// The broker leading <c>raw_iot_data</c> partition 0 goes down; after <see cref="ElectionDelay"/> every partition
    /// it led moves to another broker (as a controller would elect); after <paramref name="down"/> it comes back and
    /// takes its partitions back (preferred-leader election).
    /// </summary>
    public static Func<ScenarioContext, CancellationToken, Task> PartitionLeaderDownAndUp(TimeSpan down)
        => async (context, cancellationToken) =>
        {
            MockKafkaCluster kafka = context.Infrastructure.Kafka;
            List<(string Topic, int Partition, int Leader)> leaders = Leaders(kafka.BootstrapServers);
            int broker = leaders.First(entry => entry is { Topic: F2.Protocol.KafkaTopics.Raw, Partition: 0 }).Leader;
            int successor = broker % kafka.BrokerCount + 1;
            var led = leaders.Where(entry => entry.Leader == broker).ToList();
            Log.PartitionLeaderDown(context.Logger, broker, led.Count, successor);
            kafka.SetBrokerDown(broker);
            try
            {
                await Task.Delay(ElectionDelay, cancellationToken).ConfigureAwait(false);
                foreach ((string topic, int partition, _) in led)
                {
                    kafka.SetPartitionLeader(topic, partition, successor);
                }

                await Task.Delay(down - ElectionDelay, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                kafka.SetBrokerUp(broker);
                foreach ((string topic, int partition, _) in led)
                {
                    kafka.SetPartitionLeader(topic, partition, broker);
                }
            }
        };

    /// <summary>Every broker of the stand-in down for <paramref name="outage"/>: Kafka unreachable from every service.</summary>
    public static Func<ScenarioContext, CancellationToken, Task> AllBrokersDown(TimeSpan outage)
        => async (context, cancellationToken) =>
        {
            MockKafkaCluster kafka = context.Infrastructure.Kafka;
            for (int broker = 1; broker <= kafka.BrokerCount; broker++)
            {
                kafka.SetBrokerDown(broker);
            }

            try
            {
                await Task.Delay(outage, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                for (int broker = 1; broker <= kafka.BrokerCount; broker++)
                {
                    kafka.SetBrokerUp(broker);
                }
            }
        };

    private static List<(string Topic, int Partition, int Leader)> Leaders(string bootstrapServers)
    {
        using IAdminClient admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        Metadata metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        return [.. metadata.Topics
            .Where(topic => F2.Protocol.KafkaTopics.All.Contains(topic.Topic))
            .SelectMany(topic => topic.Partitions.Select(partition => (topic.Topic, partition.PartitionId, partition.Leader)))];
    }
}

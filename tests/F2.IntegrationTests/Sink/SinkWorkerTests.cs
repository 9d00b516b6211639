using F2.DevKafka;
using F2.Protocol;
using F2.Tests.Infrastructure;
using F2.Tests.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace F2.Tests.Sink;

/// <summary>The sink end to end: the development Kafka stand-in (librdkafka mock cluster, one per test) to a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SinkWorkerTests(PostgresServer postgres) : IDisposable
{
    internal const int Partitions = 3;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly MockKafkaCluster _kafka = StartKafka();

    private readonly DateTime _start = DateTime.UtcNow.Date.AddHours(6);

    [Fact]
    public async Task RecordsOnTheDecodedTopicBecomeRowsAndAreCommitted()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres, applySchema: false);
        await using SinkHost sink = await SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString);

        await DecodedTopic.ProduceAsync(_kafka.BootstrapServers, DecodedTopic.DoorMessages(30, _start));

        await WaitForRowsAndCommitsAsync(database, rows: 60, records: 30);
        Assert.Equal(1, await database.ScalarAsync(
            $"""
            SELECT count(*) FROM iot_measurements WHERE device_id = 'f2-000000abc001' AND pin_position = 2 AND value = 0
              AND topic = 'cmnd/f2-000000abc001/access-control-mode/J1/door-sensors' AND time = '{_start.AddSeconds(1):yyyy-MM-dd HH:mm:ss}+00'
            """));
    }

    [Fact]
    public async Task WhileTheDatabaseRefusesTheCommitAfterTheCopyNoOffsetMovesAndOnceItAcceptsEveryRowIsStoredAndCommitted()
    {
        // Given a database whose COMMIT fails after the rows went in (a deferred constraint trigger raising a
        // serialization failure, an error the sink retries), counting each attempt in a sequence, which no rollback undoes
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        await database.RefuseInsertsAsync("iot_measurements", atCommit: true);
        await using SinkHost sink = await SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString);

        // When 10 records (20 rows) arrive and the sink has tried to commit them at least three times
        await DecodedTopic.ProduceAsync(_kafka.BootstrapServers, DecodedTopic.DoorMessages(10, _start));
        await Poll.UntilAsync(
            async () => await database.RefusedAsync("iot_measurements") > 40,
            Timeout,
            "the sink should keep retrying the refused commit");

        // Then no row is there and no offset moved: a sink that committed offsets before the database did fails here
        Assert.Equal(0, DecodedTopic.CommittedBySink(_kafka.BootstrapServers, Partitions));
        Assert.Equal(0, await database.CountRowsAsync());

        // And once the database accepts the commit, every row is stored and every record committed
        await database.AcceptInsertsAsync("iot_measurements");
        await WaitForRowsAndCommitsAsync(database, rows: 20, records: 10);
    }

    [Fact]
    public async Task RedeliveredRecordsNeverCreateASecondRow()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres, applySchema: false);
        DecodedMessage[] messages = DecodedTopic.DoorMessages(20, _start);
        await using (SinkHost first = await SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString))
        {
            await DecodedTopic.ProduceAsync(_kafka.BootstrapServers, messages);
            await WaitForRowsAndCommitsAsync(database, rows: 40, records: 20);
        }

        // The same messages again, as a decoder replaying after a crash would send them, to a restarted sink.
        await using SinkHost second = await SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString);
        await DecodedTopic.ProduceAsync(_kafka.BootstrapServers, messages);

        await WaitForRowsAndCommitsAsync(database, rows: 40, records: 40);
        Assert.Equal(40, await database.ScalarAsync("SELECT sum(count) FROM iot_measurements_hourly"));
    }

    [Fact]
    public async Task KillingTheDatabaseMidwayLosesNothingAndDuplicatesNothing()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres, applySchema: false);
        await using SinkHost sink = await SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString, batchSize: 20);
        DecodedMessage[] messages = DecodedTopic.DoorMessages(200, _start);

        Task producing = DecodedTopic.ProduceAsync(_kafka.BootstrapServers, messages);
        await Poll.UntilAsync(async () => await CountRowsOrZeroAsync(database) > 0, Timeout, "the sink should be writing");
        await postgres.RestartImmediateAsync().WaitAsync(Timeout);
        database.DataSource.Clear();
        await producing.WaitAsync(Timeout);

        await WaitForRowsAndCommitsAsync(database, rows: 400, records: 200);
        Assert.Equal(400, await database.ScalarAsync("SELECT count(DISTINCT (device_id, topic, pin_position, time)) FROM iot_measurements"));
        Assert.Equal(400, await database.ScalarAsync("SELECT sum(count) FROM iot_measurements_hourly"));
    }

    [Fact]
    public async Task WhileTheDatabaseIsDownNothingIsCommittedAndHealthIsDegraded()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres, applySchema: false);
        await using SinkHost sink = await SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString);
        await DecodedTopic.ProduceAsync(_kafka.BootstrapServers, DecodedTopic.DoorMessages(10, _start));
        await WaitForRowsAndCommitsAsync(database, rows: 20, records: 10);

        await postgres.StopAsync().WaitAsync(Timeout);
        try
        {
            await DecodedTopic.ProduceAsync(_kafka.BootstrapServers, DecodedTopic.DoorMessages(10, _start.AddHours(1)));
            await Poll.UntilAsync(
                async () => (await sink.Health.CheckHealthAsync(new HealthCheckContext())).Status == HealthStatus.Degraded,
                Timeout,
                "the sink should report the outage");
            Assert.Equal(10, DecodedTopic.CommittedBySink(_kafka.BootstrapServers, Partitions));
        }
        finally
        {
            await postgres.StartAsync().WaitAsync(Timeout);
            database.DataSource.Clear();
        }

        await WaitForRowsAndCommitsAsync(database, rows: 40, records: 20);
        await Poll.UntilAsync(
            async () => (await sink.Health.CheckHealthAsync(new HealthCheckContext())).Status == HealthStatus.Healthy,
            Timeout,
            "the sink should recover");
    }

    [Fact]
    public async Task StoppingDuringAnOutageCommitsNothingAndTheNextSinkStoresEverything()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres, applySchema: false);
        await using (SinkHost first = await SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString))
        {
            await Poll.UntilAsync(
                async () => (await first.Health.CheckHealthAsync(new HealthCheckContext())).Status == HealthStatus.Healthy,
                Timeout,
                "the sink should be consuming");
            await postgres.StopAsync().WaitAsync(Timeout);
            try
            {
                await DecodedTopic.ProduceAsync(_kafka.BootstrapServers, DecodedTopic.DoorMessages(10, _start));
                await Poll.UntilAsync(
                    async () => (await first.Health.CheckHealthAsync(new HealthCheckContext())).Status == HealthStatus.Degraded,
                    Timeout,
                    "the sink should be retrying its batch");
                await first.StopAsync();
                Assert.Equal(0, DecodedTopic.CommittedBySink(_kafka.BootstrapServers, Partitions));
            }
            finally
            {
                await postgres.StartAsync().WaitAsync(Timeout);
                database.DataSource.Clear();
            }
        }

        await using SinkHost second = await SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString);
        await WaitForRowsAndCommitsAsync(database, rows: 20, records: 10);
    }

    [Fact]
    public async Task TwoSinksStartingTogetherShareThePartitionsAndStoreEveryRowOnce()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres, applySchema: false);
        SinkHost[] sinks = await Task.WhenAll(
            SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString, batchSize: 10),
            SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString, batchSize: 10));
        await using SinkHost first = sinks[0];
        await using SinkHost second = sinks[1];

        await DecodedTopic.ProduceAsync(_kafka.BootstrapServers, DecodedTopic.DoorMessages(60, _start));
        await second.StopAsync();
        await DecodedTopic.ProduceAsync(_kafka.BootstrapServers, DecodedTopic.DoorMessages(60, _start.AddHours(1)));

        await WaitForRowsAndCommitsAsync(database, rows: 240, records: 120);
        Assert.Equal(240, await database.ScalarAsync("SELECT sum(count) FROM iot_measurements_hourly"));
    }

    public void Dispose() => _kafka.Dispose();

    private async Task WaitForRowsAndCommitsAsync(TelemetryDatabase database, long rows, long records)
    {
        await Poll.UntilAsync(async () => await CountRowsOrZeroAsync(database) == rows, Timeout, $"{rows} rows should be stored");
        await Poll.UntilAsync(
            () => Task.FromResult(DecodedTopic.CommittedBySink(_kafka.BootstrapServers, Partitions) == records),
            Timeout,
            $"{records} records should be committed");
        Assert.Equal(rows, await database.CountRowsAsync());
    }

    /// <summary>0 while the table does not exist yet or the database is restarting.</summary>
    private static async Task<long> CountRowsOrZeroAsync(TelemetryDatabase database)
    {
        try
        {
            return await database.CountRowsAsync();
        }
        catch (Npgsql.NpgsqlException)
        {
            return 0;
        }
    }

    internal static MockKafkaCluster StartKafka()
    {
        MockKafkaCluster kafka = MockKafkaCluster.Start();
        kafka.CreatePipelineTopics(Partitions);
        kafka.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        return kafka;
    }
}

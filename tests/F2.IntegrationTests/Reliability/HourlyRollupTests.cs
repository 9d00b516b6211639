using F2.DevKafka;
using F2.Harness.Accounting;
using F2.Tests.Infrastructure;
using F2.Tests.Sink;
using F2.Tests.Storage;

namespace F2.Tests.Reliability;

/// <summary>The fault suite's hourly check sees a double count that the natural key keeps out of the rows.</summary>
[Collection(PostgresCollection.Name)]
public sealed class HourlyRollupTests(PostgresServer postgres) : IDisposable
{
    private readonly MockKafkaCluster _kafka = SinkWorkerTests.StartKafka();

    [Fact]
    public async Task TheHourlyRollupOfRowsTheSinkStoredMatchesAndARollupThatCountsTwiceDoesNot()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        await using (SinkHost sink = await SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString))
        {
            await DecodedTopic.ProduceAsync(_kafka.BootstrapServers, DecodedTopic.DoorMessages(30, DateTime.UtcNow.Date.AddHours(3)));
            await Poll.UntilAsync(async () => await database.CountRowsAsync() == 60, TelemetryDatabase.Timeout, "the rows should be stored");
        }

        HourlyRollup stored = await HourlyRollup.ReadAsync(database.DataSource, CancellationToken.None);
        Assert.True(stored.Series > 0 && stored.Matches, $"{stored}");

        // A redelivered batch added to the rollup a second time: the rows stay unique, the rollup does not.
        await database.ScalarAsync("UPDATE iot_measurements_hourly_state SET row_count = row_count * 2, value_count = value_count * 2, value_sum = value_sum * 2; SELECT 0");
        HourlyRollup doubled = await HourlyRollup.ReadAsync(database.DataSource, CancellationToken.None);
        Assert.Equal(stored.Series, doubled.Mismatched);
    }

    public void Dispose() => _kafka.Dispose();
}

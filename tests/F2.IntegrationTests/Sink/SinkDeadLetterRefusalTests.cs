using Confluent.Kafka;
using F2.DevKafka;
using F2.Protocol;
using F2.Tests.Infrastructure;
using F2.Tests.Security;
using F2.Tests.Storage;

namespace F2.Tests.Sink;

/// <summary>
/// A dead letter Kafka refuses for good stops the Sink instead of being retried forever (issue 11, point 3); one whose
/// write times out (transient) is retried. The stand-in's brokers answer the Produce requests with the error.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SinkDeadLetterRefusalTests(PostgresServer postgres) : IDisposable
{
    private const string Device = "f2-0000000000c4";

    private readonly MockKafkaCluster _kafka = SinkWorkerTests.StartKafka();

    [Fact]
    public async Task ADeadLetterKafkaRefusesForGoodStopsTheSinkWithExitCodeOneALogLineNamingTheRecordAndNothingCommitted()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        await DecodedTopic.ProduceRawAsync(_kafka.BootstrapServers, Device, "not a decoded message"u8.ToArray());
        for (int partition = 0; partition < SinkWorkerTests.Partitions; partition++)
        {
            _kafka.RefuseProduce(KafkaTopics.DeadLetter, partition, ErrorCode.TopicAuthorizationFailed, count: 50);
        }

        var logs = new CapturingLoggerProvider();
        try
        {
            await using SinkHost sink = await SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString, logs: logs);

            await Poll.UntilAsync(() => Task.FromResult(sink.Stopping.IsCancellationRequested), TelemetryDatabase.Timeout, "the sink should stop");
            Assert.Equal(1, Environment.ExitCode);
            Assert.Contains(logs.Entries, entry => entry.StartsWith("Critical", StringComparison.Ordinal)
                && entry.Contains($"refused the dead letter of {KafkaTopics.Decoded}/", StringComparison.Ordinal)
                && entry.Contains("for good", StringComparison.Ordinal));
            Assert.Equal(0, DecodedTopic.CommittedBySink(_kafka.BootstrapServers, SinkWorkerTests.Partitions));
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }

    [Fact]
    public async Task ADeadLetterWhoseWriteTimesOutIsRetriedUntilKafkaTakesItAndTheSinkKeepsRunning()
    {
        await using TelemetryDatabase database = await TelemetryDatabase.CreateAsync(postgres);
        await DecodedTopic.ProduceRawAsync(_kafka.BootstrapServers, Device, "not a decoded message"u8.ToArray());
        _kafka.DelayProduce(brokerId: 1, TimeSpan.FromSeconds(33)); // longer than the Sink's dead-letter timeout (30 s)
        var logs = new CapturingLoggerProvider();

        await using SinkHost sink = await SinkHost.StartAsync(_kafka.BootstrapServers, database.ConnectionString, logs: logs);

        await Poll.UntilAsync(
            () => Task.FromResult(sink.Stopping.IsCancellationRequested || DecodedTopic.CommittedBySink(_kafka.BootstrapServers, SinkWorkerTests.Partitions) == 1),
            TelemetryDatabase.Timeout * 3,
            "the record should be committed once its dead letter is written");
        Assert.False(sink.Stopping.IsCancellationRequested, "a timeout must not stop the sink");
        Assert.True(logs.Entries.Any(entry => entry.Contains("Message timed out", StringComparison.Ordinal)),
            "the first write should have timed out and been retried: " + string.Join(Environment.NewLine, logs.Entries));
        var dead = await KafkaTestReader.ReadAsync(_kafka.BootstrapServers, KafkaTopics.DeadLetter, 1, TelemetryDatabase.Timeout);
        Assert.Equal(DeadLetterReasons.RecordInvalid, System.Text.Encoding.UTF8.GetString(dead[0].Message.Headers.GetLastBytes(RecordHeaders.Reason)));
    }

    public void Dispose() => _kafka.Dispose();
}

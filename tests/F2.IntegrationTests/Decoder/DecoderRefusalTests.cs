using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;
using F2.DevKafka;
using F2.Protocol;
using F2.Tests.EndToEnd;
using F2.Tests.Infrastructure;
using F2.Tests.Protocol.Vectors;
using F2.Tests.Security;
using F2.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace F2.Tests.Decoder;

/// <summary>
/// A record Kafka refuses for good is not retried forever (issue 11, point 3): the stand-in's brokers answer the
/// Produce requests of one topic with a permanent error; a transient one (a timeout) is still retried.
/// </summary>
public sealed class DecoderRefusalTests : IDisposable
{
    private const string StrikeTopic = "cmnd/f2-e4fd45f654be/access-control-mode/J1/strike-1";

    private readonly MockKafkaCluster _kafka = DecoderTests.StartKafka();

    [Fact]
    public async Task ADecodedRecordKafkaRefusesForGoodIsDeadLetteredAsOutputRefusedWithItsOriginalBytesAndCommitted()
    {
        var (parameters, vector) = ValidVector();
        TopicPartitionOffset raw = await ProduceRawAsync(vector.Topic, vector.Payload);
        RefuseEveryPartition(KafkaTopics.Decoded, ErrorCode.MsgSizeTooLarge);

        await using var decoder = await DecoderFixture.StartAsync(DecoderFixture.Settings(_kafka.BootstrapServers), parameters);

        var dead = Assert.Single(await KafkaTestReader.ReadAsync(_kafka.BootstrapServers, KafkaTopics.DeadLetter, 1, DecoderFixture.Timeout));
        Assert.Equal(DeadLetterReasons.OutputRefused, Header(dead, RecordHeaders.Reason));
        Assert.Equal(StageNames.Decoder, Header(dead, RecordHeaders.Stage));
        Assert.Equal(vector.Payload, dead.Message.Value);
        Assert.Equal(vector.Topic, Header(dead, RecordHeaders.MqttTopic));
        Assert.Equal(DecoderFixture.Source(raw), Header(dead, RecordHeaders.Source));
        Assert.Contains("refused the decoded record for good", Header(dead, RecordHeaders.Detail), StringComparison.Ordinal);
        await Poll.UntilAsync(() => Task.FromResult(Committed(raw.TopicPartition) == raw.Offset.Value + 1), DecoderFixture.Timeout, "the refused record's offset should be committed");
        Assert.Equal(0, DecoderFixture.RecordCount(_kafka.BootstrapServers, KafkaTopics.Decoded, DecoderTests.Partitions));
    }

    [Fact]
    public async Task ADeadLetterKafkaRefusesForGoodStopsTheDecoderWithExitCodeOneALogLineNamingTheRecordAndNothingCommitted()
    {
        var (parameters, _) = ValidVector();
        TopicPartitionOffset raw = await ProduceRawAsync(StrikeTopic, "not json"u8.ToArray());
        RefuseEveryPartition(KafkaTopics.DeadLetter, ErrorCode.TopicAuthorizationFailed);
        var logs = new CapturingLoggerProvider();
        try
        {
            await using var decoder = await DecoderFixture.StartAsync(DecoderFixture.Settings(_kafka.BootstrapServers), parameters,
                services => services.AddSingleton<ILoggerProvider>(logs));
            var lifetime = decoder.Get<IHostApplicationLifetime>();
            await Poll.UntilAsync(() => Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested), DecoderFixture.Timeout, "the decoder should stop");
            Assert.Equal(1, Environment.ExitCode);
            Assert.Contains(logs.Entries, entry => entry.StartsWith("Critical", StringComparison.Ordinal)
                && entry.Contains($"refused the dead letter of {DecoderFixture.Source(raw)} for good", StringComparison.Ordinal));
            Assert.True(Committed(raw.TopicPartition) <= raw.Offset.Value, "the refused record's offset must stay uncommitted");
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }

    [Fact]
    public async Task ADecodedRecordWhoseProduceTimesOutIsRetriedAndDecodedNotDeadLettered()
    {
        var (parameters, vector) = ValidVector();
        TopicPartitionOffset raw = await ProduceRawAsync(vector.Topic, vector.Payload);
        var settings = DecoderFixture.Settings(_kafka.BootstrapServers);
        settings["Kafka:ProducerMessageTimeout"] = "00:00:10";
        _kafka.DelayProduce(brokerId: 1, TimeSpan.FromSeconds(13));

        await using var decoder = await DecoderFixture.StartAsync(settings, parameters);
        using var retries = new CounterTotal(decoder.Get<IMeterFactory>(), "f2.decoder.produce.retries");

        var decoded = Assert.Single(await KafkaTestReader.ReadAsync(_kafka.BootstrapServers, KafkaTopics.Decoded, 1, DecoderFixture.Timeout));
        Assert.Equal(DecoderFixture.Source(raw), DecoderFixture.SourceOf(decoded));
        await Poll.UntilAsync(() => Task.FromResult(Committed(raw.TopicPartition) == raw.Offset.Value + 1), DecoderFixture.Timeout, "the record's offset should be committed");
        Assert.True(retries.Total > 0, "the first produce should have timed out and been retried");
        Assert.Equal(0, DecoderFixture.RecordCount(_kafka.BootstrapServers, KafkaTopics.DeadLetter, DecoderTests.Partitions));
    }

    public void Dispose() => _kafka.Dispose();

    private static (FixedParameterSource Parameters, DecodeVector Vector) ValidVector()
    {
        var compatible = CompatibleVectors.Load();
        var parameters = new FixedParameterSource();
        parameters.Load(compatible.Parameters);
        return (parameters, compatible.Vectors.First(vector => vector.ExpectedError is null));
    }

    private async Task<TopicPartitionOffset> ProduceRawAsync(string topic, byte[] payload)
    {
        using var producer = DecoderFixture.CreateProducer(_kafka.BootstrapServers);
        return await DecoderFixture.ProduceRawAsync(producer, topic, payload, DateTime.UtcNow);
    }

    /// <summary>Every Produce request for the topic is answered with <paramref name="error"/> (more than any retry would use).</summary>
    private void RefuseEveryPartition(string topic, ErrorCode error)
    {
        for (int partition = 0; partition < DecoderTests.Partitions; partition++)
        {
            _kafka.RefuseProduce(topic, partition, error, count: 50);
        }
    }

    private long Committed(TopicPartition partition)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = _kafka.BootstrapServers, GroupId = "f2-decoder" }).Build();
        return consumer.Committed([partition], DecoderFixture.Timeout).Single().Offset.Value;
    }

    private static string Header(ConsumeResult<string?, byte[]> record, string name)
        => Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(name));
}

using System.Text;
using Confluent.Kafka;
using F2.Decoder;
using F2.Integrations.DeviceParameters;
using F2.Protocol;
using F2.Tests.EndToEnd;
using F2.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace F2.Tests.Decoder;

/// <summary>Runs the Decoder against a Kafka stand-in with test-controlled parameters, and writes raw records as Ingest would.</summary>
internal static class DecoderFixture
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static Dictionary<string, string?> Settings(string bootstrapServers) => new()
    {
        ["ConnectionStrings:kafka"] = bootstrapServers,
        ["ConnectionStrings:devicedb"] = "Host=127.0.0.1;Port=1;Username=unused",
        ["Decoder:CommitInterval"] = "00:00:00.200",
        ["Decoder:DrainTimeout"] = "00:00:02",
        ["Kafka:ConsumerSessionTimeout"] = "00:00:02",
        [TestReaderKey.Setting.Key] = TestReaderKey.Setting.Value,
    };

    /// <summary>Starts the Decoder with <paramref name="parameters"/> in place of the devicedb cache.</summary>
    public static Task<ServiceHost> StartAsync(
        IReadOnlyDictionary<string, string?> settings, FixedParameterSource parameters, Action<IServiceCollection>? overrideServices = null)
        => ServiceHost.StartAsync(settings, builder => builder.AddDecoder(), services =>
        {
            overrideServices?.Invoke(services);
            services.RemoveAll<IDeviceParameterSource>();
            services.AddSingleton<IDeviceParameterSource>(parameters);
            services.RemoveAll<IHostedService>();
            services.AddHostedService<DecoderWorker>();
        });

    /// <summary>
    /// Writes a raw record as Ingest does; null <paramref name="topic"/> leaves the topic header out; a
    /// <paramref name="partition"/> places it there instead of by its key.
    /// </summary>
    public static async Task<TopicPartitionOffset> ProduceRawAsync(
        IProducer<string?, byte[]> producer, string? topic, byte[] payload, DateTime receivedAt, int? partition = null)
    {
        var headers = new Headers { { RecordHeaders.ReceivedAt, UnixMicros.Format(receivedAt) } };
        string? key = null;
        if (topic is not null)
        {
            headers.Add(RecordHeaders.MqttTopic, Encoding.UTF8.GetBytes(topic));
            key = DeviceTopic.TryParse(topic, out var address) ? address.DeviceId : null;
        }

        var message = new Message<string?, byte[]> { Key = key, Value = payload, Headers = headers };
        var result = await (partition is int chosen
            ? producer.ProduceAsync(new TopicPartition(KafkaTopics.Raw, chosen), message)
            : producer.ProduceAsync(KafkaTopics.Raw, message)).WaitAsync(Timeout);
        return result.TopicPartitionOffset;
    }

    public static IProducer<string?, byte[]> CreateProducer(string bootstrapServers)
        => new ProducerBuilder<string?, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, Acks = Acks.All }).Build();

    /// <summary>How many records a topic holds (sum of its partitions' high watermarks).</summary>
    public static long RecordCount(string bootstrapServers, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "f2-test-count" }).Build();
        return Enumerable.Range(0, partitions).Sum(partition => consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), Timeout).High.Value);
    }

    /// <summary>The source (<c>raw_iot_data/p@o</c>) of a decoded or dead-letter record.</summary>
    public static string SourceOf(ConsumeResult<string?, byte[]> output)
    {
        if (output.Topic == KafkaTopics.DeadLetter)
        {
            return Encoding.UTF8.GetString(output.Message.Headers.GetLastBytes(RecordHeaders.Source));
        }

        Assert.True(DecodedMessageJson.TryDeserialize(output.Message.Value, out var message), "a decoded record does not parse");
        return Source(message!.SourcePartition, message.SourceOffset);
    }

    public static string Source(TopicPartitionOffset raw) => Source(raw.Partition.Value, raw.Offset.Value);

    private static string Source(int partition, long offset) => FormattableString.Invariant($"{KafkaTopics.Raw}/{partition}@{offset}");
}

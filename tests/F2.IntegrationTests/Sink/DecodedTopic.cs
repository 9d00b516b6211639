using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using F2.Protocol;

namespace F2.Tests.Sink;

/// <summary>Writes to and inspects <c>decoded_iot_data</c> as the decoder and an operator would.</summary>
internal static class DecodedTopic
{
    public static async Task ProduceAsync(string bootstrapServers, IEnumerable<DecodedMessage> messages, ActivityContext trace = default)
    {
        using IProducer<string, byte[]> producer = new ProducerBuilder<string, byte[]>(
            new ProducerConfig { BootstrapServers = bootstrapServers, Acks = Acks.All }).Build();
        foreach (DecodedMessage message in messages)
        {
            await ProduceAsync(producer, message.Rows[0].DeviceId, DecodedMessageJson.Serialize(message), trace);
        }
    }

    public static async Task ProduceRawAsync(string bootstrapServers, string key, byte[] value)
    {
        using IProducer<string, byte[]> producer = new ProducerBuilder<string, byte[]>(
            new ProducerConfig { BootstrapServers = bootstrapServers, Acks = Acks.All }).Build();
        await ProduceAsync(producer, key, value);
    }

    private static Task ProduceAsync(IProducer<string, byte[]> producer, string key, byte[] value, ActivityContext trace = default)
    {
        var headers = new Headers();
        if (trace != default)
        {
            headers.Add(RecordHeaders.TraceParent, Encoding.UTF8.GetBytes($"00-{trace.TraceId}-{trace.SpanId}-01"));
        }

        return producer.ProduceAsync(KafkaTopics.Decoded, new Message<string, byte[]> { Key = key, Value = value, Headers = headers })
            .WaitAsync(TelemetryDatabase.Timeout);
    }

    /// <summary>The offsets group <c>f2-sink</c> has committed on every partition, summed (records fully handled).</summary>
    public static long CommittedBySink(string bootstrapServers, int partitions)
    {
        var config = new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "f2-sink" };
        using IConsumer<Ignore, Ignore> consumer = new ConsumerBuilder<Ignore, Ignore>(config).Build();
        List<TopicPartitionOffset> committed = consumer.Committed(
            Enumerable.Range(0, partitions).Select(partition => new TopicPartition(KafkaTopics.Decoded, partition)), TimeSpan.FromSeconds(10));
        return committed.Sum(offset => Math.Max(0, offset.Offset.Value));
    }

    public static DecodedMessage[] DoorMessages(int count, DateTime start, int devices = 7)
        => [.. Enumerable.Range(0, count).Select(i => TelemetryDatabase.DoorMessage($"f2-{0xabc000 + (i % devices):x12}", start.AddSeconds(i), pins: 2, sourceOffset: i))];
}

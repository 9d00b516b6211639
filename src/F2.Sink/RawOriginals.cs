using Confluent.Kafka;
using F2.Integrations.Kafka;

namespace F2.Sink;

/// <summary>
/// Reads a record back from <c>raw_iot_data</c> at the coordinates a decoded record names, so that the Sink's dead
/// letter carries the original MQTT payload bytes and topic (the decoded record never holds them: spec f2-privacy,
/// section 2). A rare path: one assigned consumer, created on first use, never joining a group. Owned by the consume
/// thread.
/// </summary>
internal sealed class RawOriginals(KafkaClientFactory kafka) : IDisposable
{
    /// <summary>How long to wait for the record before calling it unavailable.</summary>
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    private IConsumer<byte[]?, byte[]?>? _consumer;

    /// <summary>The raw record at <paramref name="position"/>, or null with why it could not be read.</summary>
    public ConsumeResult<byte[]?, byte[]?>? TryRead(TopicPartitionOffset position, out string? unavailable)
    {
        _consumer ??= kafka.CreateConsumerBuilder<byte[]?, byte[]?>("f2-sink-raw-reader", "f2-sink-raw-reader", config =>
        {
            config.EnableAutoCommit = false;
            config.EnableAutoOffsetStore = false;
            config.EnablePartitionEof = false;
            config.AutoOffsetReset = AutoOffsetReset.Error;
        }).Build();
        try
        {
            _consumer.Assign(position);
            ConsumeResult<byte[]?, byte[]?>? result = _consumer.Consume(ReadTimeout);
            unavailable = result is null
                ? $"nothing arrived within {ReadTimeout.TotalSeconds:F0} s"
                : result.Offset != position.Offset ? $"the partition continues at offset {result.Offset.Value}" : null;
            return unavailable is null ? result : null;
        }
        catch (KafkaException exception)
        {
            unavailable = exception.Error.Reason;
            return null;
        }
        finally
        {
            _consumer.Unassign();
        }
    }

    public void Dispose() => _consumer?.Dispose();
}

using System.Diagnostics;
using Confluent.Kafka;
using F2.Integrations.Telemetry;
using F2.Protocol;

namespace F2.Sink;

/// <summary>
/// Turns a consumed record into a <see cref="SinkRecord"/>: a decoded message the table accepts, or the reason it is
/// invalid (not a decoded message; a missing column; a text PostgreSQL cannot store, i.e. one holding NUL; both or
/// neither of value and value_text). Checking here keeps one bad record from failing a whole batch.
/// </summary>
internal static class SinkRecordReader
{
    public static SinkRecord Read(ConsumeResult<byte[]?, byte[]?> result)
    {
        Message<byte[]?, byte[]?> original = result.Message;
        DecodedMessage? message = null;
        string? detail = original.Value is null
            ? "the record has no value"
            : !DecodedMessageJson.TryDeserialize(original.Value, out message) || message is null
                ? "the value is not a decoded message"
                : Check(message);
        return new SinkRecord
        {
            Position = result.TopicPartitionOffset,
            Message = detail is null ? message : null,
            InvalidDetail = detail,
            Original = original,
            RawSource = message is null ? null : new TopicPartitionOffset(KafkaTopics.Raw, message.SourcePartition, message.SourceOffset),
            TraceContext = TraceContext.TryExtract(original.Headers, out ActivityContext context) ? context : default,
            ConsumedAt = DateTimeOffset.UtcNow,
        };
    }

    private static string? Check(DecodedMessage message)
    {
        if (!Storable(message.Topic))
        {
            return "the topic is missing or holds NUL";
        }

        foreach (DecodedRow row in message.Rows)
        {
            bool columnsStorable = Storable(row.DeviceId) && Storable(row.ConnectorMode) && Storable(row.Connector)
                && Storable(row.ComponentType) && Storable(row.ComponentId) && Storable(row.Unit)
                && (row.ValueText is null || Storable(row.ValueText));
            if (!columnsStorable)
            {
                return $"a row of pin {row.PinPosition} has a missing text column or one holding NUL";
            }

            if (row.Value.HasValue == (row.ValueText is not null))
            {
                return $"a row of pin {row.PinPosition} must have exactly one of value and value_text";
            }
        }

        return null;
    }

    private static bool Storable(string? text) => text is not null && !text.Contains('\0', StringComparison.Ordinal);
}

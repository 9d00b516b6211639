using System.Text;
using Confluent.Kafka;
using F2.Harness.Load;
using F2.Protocol;

namespace F2.Harness.Accounting;

/// <summary>Every record of <c>dead_letter_iot_data</c>, as load messages with their reasons.</summary>
/// <param name="Records">Every record read.</param>
/// <param name="Messages">The reason(s) each message was dead-lettered with (more than one is a duplicate).</param>
/// <param name="Foreign">Records that are not identifiable as load messages.</param>
public sealed record DeadLetters(long Records, IReadOnlyDictionary<MessageId, List<string>> Messages, long Foreign)
{
    /// <summary>Dead-lettered messages per reason.</summary>
    public IReadOnlyDictionary<string, int> ByReason => Messages.Values.SelectMany(reasons => reasons)
        .GroupBy(reason => reason).ToDictionary(group => group.Key, group => group.Count());

    /// <summary>Reads the topic from the start of every partition up to its end as it is now.</summary>
    public static async Task<DeadLetters> ReadAsync(string bootstrapServers, LoadDevices devices, TimeSpan timeout)
    {
        IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> records = await TopicReader.ReadAllAsync(bootstrapServers, KafkaTopics.DeadLetter, timeout).ConfigureAwait(false);
        var messages = new Dictionary<MessageId, List<string>>();
        long foreign = 0;
        foreach (ConsumeResult<byte[]?, byte[]?> record in records)
        {
            string? topic = Header(record, RecordHeaders.MqttTopic);
            string reason = Header(record, RecordHeaders.Reason) ?? "(none)";
            if (!devices.TryIdentify(topic, record.Message.Value ?? [], out MessageId id))
            {
                foreign++;
                continue;
            }

            if (!messages.TryGetValue(id, out List<string>? reasons))
            {
                messages[id] = reasons = [];
            }

            reasons.Add(reason);
        }

        return new DeadLetters(records.Count, messages, foreign);
    }

    private static string? Header(ConsumeResult<byte[]?, byte[]?> record, string name)
        => record.Message.Headers?.TryGetLastBytes(name, out byte[] value) == true ? Encoding.UTF8.GetString(value) : null;
}

using System.Globalization;
using System.Text;
using Confluent.Kafka;
using F2.Integrations.Kafka;
using F2.Integrations.Telemetry;
using F2.Protocol;

namespace F2.Sink;

/// <summary>
/// Sends a record the Sink cannot store to <c>dead_letter_iot_data</c> as a <see cref="DeadLetter"/> of stage
/// <see cref="StageNames.Sink"/>, reason <see cref="DeadLetterReasons.RecordInvalid"/>, its <c>decoded_iot_data</c>
/// coordinates as source and why in the detail (the check that failed, or PostgreSQL's message).
/// <para>
/// Like Ingest's and the Decoder's dead letters it carries the original MQTT payload bytes as its value, with the
/// original key, MQTT topic and time: read back from <c>raw_iot_data</c> at the coordinates the decoded record names
/// (<see cref="RawOriginals"/>), so every dead letter can be replayed. When that record can no longer be read (retention
/// passed, or the record is not a decoded message at all), the value is the consumed record's own bytes, the topic and
/// time are the decoded record's (if it is one), and the detail says that the original was unavailable, and why.
/// </para>
/// </summary>
internal sealed class SinkDeadLetters(IProducer<byte[]?, byte[]?> producer, RawOriginals originals)
{
    /// <summary>
    /// Produces the dead letter and waits for the broker's acknowledgement: throws <see cref="KafkaException"/> if it
    /// fails (retried as an outage), or <see cref="InvalidOperationException"/> naming the record if Kafka refuses it for
    /// good (<see cref="KafkaErrors.IsPermanent"/>), which stops the sink instead of retrying forever.
    /// </summary>
    public void Send(SinkRecord record)
    {
        string detail = record.InvalidDetail ?? DeadLetterReasons.RecordInvalid;
        ConsumeResult<byte[]?, byte[]?>? raw = null;
        if (record.RawSource is { } rawSource)
        {
            string source = string.Create(CultureInfo.InvariantCulture, $"{rawSource.Topic}/{rawSource.Partition.Value}@{rawSource.Offset.Value}");
            raw = originals.TryRead(rawSource, out string? unavailable);
            detail += raw is null
                ? $"; the original {source} could not be read ({unavailable}): the value is the decoded record"
                : $"; original {source}";
        }
        else
        {
            detail += "; no original named: the value is the consumed record";
        }

        Message<byte[]?, byte[]?> original = raw?.Message ?? record.Original;
        var deadLetter = new DeadLetter
        {
            Stage = StageNames.Sink,
            Reason = DeadLetterReasons.RecordInvalid,
            Payload = original.Value ?? [],
            DeviceId = original.Key is { } key ? Encoding.UTF8.GetString(key) : null,
            MqttTopic = raw is null ? record.Message?.Topic : RawRecordHeaders.MqttTopic(raw.Message.Headers),
            ReceivedAt = raw is null ? record.Message?.ReceivedAt : RawRecordHeaders.ReceivedAt(raw.Message.Headers),
            Source = record.Source,
            Detail = detail,
        };
        var headers = deadLetter.ToHeaders();
        if (TraceContext.TryExtract(record.Original.Headers, out var trace))
        {
            TraceContext.Inject(trace, headers);
        }

        var message = new Message<byte[]?, byte[]?> { Key = original.Key, Value = deadLetter.Payload, Headers = headers };
        try
        {
            producer.ProduceAsync(KafkaTopics.DeadLetter, message).GetAwaiter().GetResult();
        }
        catch (ProduceException<byte[]?, byte[]?> exception) when (KafkaErrors.IsPermanent(exception.Error))
        {
            throw new InvalidOperationException(
                $"Kafka refused the dead letter of {record.Source} for good ({exception.Error.Code}: {exception.Error.Reason}); its offset stays uncommitted", exception);
        }
    }
}

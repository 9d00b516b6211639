using System.Globalization;
using Confluent.Kafka;
using F2.Integrations.Kafka;
using F2.Protocol;

namespace F2.Testing.BadInput;

/// <summary>What happened to one kind, and every way that differs from its expectation (none: as expected).</summary>
public sealed record BadInputVerdict(BadInputKind Kind, BrokerAnswer Answer, string Observed, IReadOnlyList<string> Problems)
{
    public bool AsExpected => Problems.Count == 0;

    public override string ToString() => AsExpected
        ? $"{Kind.Name}: {Observed}"
        : $"{Kind.Name}: expected {Kind.Expected}, observed {Observed}: {string.Join("; ", Problems)}";
}

/// <summary>
/// Finds where a published kind went (a broker refusal, a dead letter, rows) and compares it with the expectation:
/// reason, stage, topic, key, and the original bytes, byte for byte (every stage's dead letter carries them).
/// </summary>
public sealed class BadInputJudge(TopicTail deadLetters, Func<string, Task<long>> countRows)
{
    public async Task<BadInputVerdict> JudgeAsync(BadInputKind kind, BrokerAnswer answer, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var expected = kind.Expected;
        var problems = new List<string>();
        if (answer.IsRefusal)
        {
            if (expected.Outcome != BadInputOutcome.RefusedByBroker)
            {
                problems.Add("the broker refused it");
            }
            else if (answer.Kind == BrokerAnswerKind.ConnectionLost || answer.ReasonCode != expected.BrokerReasonCode)
            {
                problems.Add("the broker's answer is not " + MqttReasonCodes.Describe(expected.BrokerReasonCode));
            }

            return new BadInputVerdict(kind, answer, "refused by the broker: " + answer, problems);
        }

        if (expected.Outcome == BadInputOutcome.RefusedByBroker)
        {
            problems.Add($"the broker accepted it ({answer})");
        }

        var (deadLetter, rows) = await WaitForOutcomeAsync(kind, timeout);
        string observed;
        if (deadLetter is not null)
        {
            observed = $"dead letter {Header(deadLetter, RecordHeaders.Reason)} ({Header(deadLetter, RecordHeaders.Stage)})";
            CheckDeadLetter(kind, deadLetter, problems);
        }
        else if (rows > 0)
        {
            observed = string.Create(CultureInfo.InvariantCulture, $"stored: {rows} row(s)");
            if (expected.Outcome != BadInputOutcome.Stored || rows != expected.Rows)
            {
                problems.Add("it was stored");
            }
        }
        else
        {
            observed = $"nowhere: no row and no dead letter within {timeout}";
            problems.Add("it was lost");
        }

        return new BadInputVerdict(kind, answer, observed, problems);
    }

    /// <summary>The dead letter of the kind's topic (its only message), or its rows, whichever shows up first.</summary>
    private async Task<(ConsumeResult<string?, byte[]>? DeadLetter, long Rows)> WaitForOutcomeAsync(BadInputKind kind, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        long wantedRows = Math.Max(1, kind.Expected.Rows);
        ConsumeResult<string?, byte[]>? deadLetter;
        long rows;
        do
        {
            deadLetter = deadLetters.Records.FirstOrDefault(record => TopicOf(record) is { } topic && topic.AsSpan().SequenceEqual(kind.Topic));
            rows = kind.DeviceId is null ? 0 : await countRows(kind.DeviceId);
            if (deadLetter is not null || rows >= wantedRows)
            {
                break;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        return (deadLetter, rows);
    }

    private static void CheckDeadLetter(BadInputKind kind, ConsumeResult<string?, byte[]> deadLetter, List<string> problems)
    {
        var expected = kind.Expected;
        string? reason = Header(deadLetter, RecordHeaders.Reason);
        string? stage = Header(deadLetter, RecordHeaders.Stage);
        if (expected.Outcome != BadInputOutcome.DeadLetter || reason != expected.Reason || stage != expected.Stage)
        {
            problems.Add("it was dead-lettered with another reason or stage");
        }

        bool namesDevice = kind.DeviceId is not null && reason != "topic_invalid";
        if (deadLetter.Message.Key != (namesDevice ? kind.DeviceId : null))
        {
            problems.Add($"the key is '{deadLetter.Message.Key}'");
        }

        // Every stage's dead letter carries the original MQTT payload (the sink's reads it back from raw_iot_data).
        byte[]? original = deadLetter.Message.Value;
        if (original is null || !original.AsSpan().SequenceEqual(kind.Payload))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the original bytes differ ({original?.Length ?? 0} bytes, sent {kind.Payload.Length})"));
        }
    }

    /// <summary>The MQTT topic bytes of a dead letter: its header, or (a sink dead letter whose original was unavailable) the topic inside the decoded record.</summary>
    private static byte[]? TopicOf(ConsumeResult<string?, byte[]> record)
    {
        if (record.Message.Headers.TryGetBytes(RecordHeaders.MqttTopic, out var topic))
        {
            return topic.ToArray();
        }

        return record.Message.Value is { } value && DecodedMessageJson.TryDeserialize(value, out var decoded)
            ? System.Text.Encoding.UTF8.GetBytes(decoded.Topic)
            : null;
    }

    private static string? Header(ConsumeResult<string?, byte[]> record, string name)
        => record.Message.Headers.TryGetString(name, out string value) ? value : null;
}

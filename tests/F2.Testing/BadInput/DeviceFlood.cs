using System.Globalization;
using System.Text;

namespace F2.Testing.BadInput;

/// <summary>
/// One device publishing many messages as fast as the broker takes them, all on one topic: every
/// <see cref="InvalidEvery"/>th has an invalid status (<c>value_invalid</c>), the others are valid, each with its own
/// timestamp (so each is its own row) and padded with an ignored field to <see cref="ValidPayloadBytes"/>.
/// </summary>
public sealed class DeviceFlood
{
    public const int InvalidEvery = 4;

    private readonly DateTime _start;

    public DeviceFlood(string deviceId, int count, int validPayloadBytes)
    {
        DeviceId = deviceId;
        Count = count;
        ValidPayloadBytes = validPayloadBytes;
        Topic = $"cmnd/{deviceId}/access-control-mode/J1/strike-1";
        // A start of its own: the rows of two floods of one device never share a natural key.
        _start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(Random.Shared.Next(1, 500_000));
    }

    public string DeviceId { get; }

    public string Topic { get; }

    public int Count { get; }

    public int ValidPayloadBytes { get; }

    public int InvalidCount => Count / InvalidEvery;

    public int ValidCount => Count - InvalidCount;

    /// <summary>The device time of the first and last message.</summary>
    public (DateTime From, DateTime To) TimeRange => (_start, TimeOf(Count - 1));

    public static bool IsInvalid(int index) => index % InvalidEvery == InvalidEvery - 1;

    public byte[] Payload(int index)
    {
        string timestamp = TimeOf(index).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        if (IsInvalid(index))
        {
            return Encoding.UTF8.GetBytes($"{{\"timestamp\": \"{timestamp}\", \"status\": \"maybe\", \"n\": {index}}}");
        }

        string head = $"{{\"timestamp\": \"{timestamp}\", \"status\": {(index % 2 == 0 ? "true" : "false")}, \"pad\": \"";
        return Encoding.UTF8.GetBytes(head + new string('x', ValidPayloadBytes - head.Length - 2) + "\"}");
    }

    /// <summary>Publishes every message over one connection, waiting for each PUBACK; returns the answers that were not a plain success.</summary>
    public async Task<IReadOnlyList<string>> PublishAsync(RawMqttPublisher publisher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        var failures = new List<string>();
        byte[] topic = Encoding.UTF8.GetBytes(Topic);
        for (int index = 0; index < Count; index++)
        {
            var answer = await publisher.PublishAsync(topic, Payload(index), qos: 1, retain: false, userProperties: [], cancellationToken);
            if (answer.IsRefusal || answer.ReasonCode != MqttReasonCodes.Success)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"message {index}: {answer}"));
            }
        }

        return failures;
    }

    private DateTime TimeOf(int index) => _start.AddMilliseconds(index);
}

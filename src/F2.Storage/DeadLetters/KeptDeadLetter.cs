namespace F2.Storage.DeadLetters;

/// <summary>
/// A dead letter as <c>dead_letters</c> keeps it (see <see cref="DeadLetterSchemaSql"/>): where it came from, what the
/// stage said, and the original bytes.
/// </summary>
public sealed record KeptDeadLetter
{
    public required SourceCoordinates Source { get; init; }

    public required string Stage { get; init; }

    public required string Reason { get; init; }

    public string? Detail { get; init; }

    public string? DeviceId { get; init; }

    public string? MqttTopic { get; init; }

    public DateTime? ReceivedAt { get; init; }

    public required byte[] Payload { get; init; }

    /// <summary>When the stage wrote it (the dead letter's Kafka timestamp), UTC.</summary>
    public required DateTime DeadLetteredAt { get; init; }
}

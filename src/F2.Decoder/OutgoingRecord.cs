using Confluent.Kafka;
using F2.Protocol;

namespace F2.Decoder;

/// <summary>The record written for one consumed raw record: decoded, or dead-lettered with <see cref="Rejection"/>.</summary>
internal sealed record OutgoingRecord(string Topic, Message<string?, byte[]> Message, RejectReason? Rejection, int Rows)
{
    /// <summary>Where the consumed record came from: <c>raw_iot_data/&lt;partition&gt;@&lt;offset&gt;</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The consumed raw record, kept for a dead letter in case Kafka refuses the decoded record for good.</summary>
    public Message<string?, byte[]>? Original { get; init; }
}

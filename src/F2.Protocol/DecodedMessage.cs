namespace F2.Protocol;

/// <summary>
/// The value of a <c>decoded_iot_data</c> record: every row decoded from one device message
/// (a message is decoded whole or not at all), with where it came from.
/// </summary>
/// <param name="Topic">The full MQTT topic.</param>
/// <param name="ReceivedAt">When the pipeline first saw the message (UTC, microseconds).</param>
/// <param name="SourcePartition">Partition of the raw record in <c>raw_iot_data</c>.</param>
/// <param name="SourceOffset">Offset of the raw record in <c>raw_iot_data</c>.</param>
/// <param name="Rows">The decoded rows, in pin order.</param>
public sealed record DecodedMessage(
    string Topic,
    DateTime ReceivedAt,
    int SourcePartition,
    long SourceOffset,
    IReadOnlyList<DecodedRow> Rows);

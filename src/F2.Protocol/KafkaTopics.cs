namespace F2.Protocol;

/// <summary>The pipeline's Kafka topics.</summary>
public static class KafkaTopics
{
    public const string Raw = "raw_iot_data";
    public const string Decoded = "decoded_iot_data";
    public const string DeadLetter = "dead_letter_iot_data";

    public static IReadOnlyList<string> All { get; } = [Raw, Decoded, DeadLetter];
}

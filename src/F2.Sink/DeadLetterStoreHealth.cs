using F2.Integrations;
using F2.Integrations.Kafka;

namespace F2.Sink;

/// <summary>The dead-letter store's health: <see cref="StageHealth"/> for its consumer, with its own consumer group's health.</summary>
internal sealed class DeadLetterStoreHealth(ConsumerGroupHealth group)
    : StageHealth("telemetry schema", "consuming dead_letter_iot_data and writing dead_letters", group)
{
    /// <summary>The group health of the dead-letter consumer (not the measurement consumer's).</summary>
    public ConsumerGroupHealth Group { get; } = group;
}

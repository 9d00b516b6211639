using F2.Integrations;
using F2.Integrations.Kafka;

namespace F2.Sink;

/// <summary>The sink's health: <see cref="StageHealth"/> for the telemetry schema, with its consumer group's health.</summary>
internal sealed class SinkHealth(ConsumerGroupHealth group)
    : StageHealth("telemetry schema", "consuming decoded_iot_data and writing iot_measurements", group);

using F2.Integrations;

namespace F2.Doors;

/// <summary>The door stage's health: <see cref="StageHealth"/> for the door schema, its own state alone.</summary>
internal sealed class DoorsHealth() : StageHealth("door schema", "consuming decoded_iot_data and writing door_events");

using System.Text.Json;
using F2.Doors.Derivation;

namespace F2.Doors.Storage;

/// <summary>A device's <see cref="DeviceState"/> as the JSON of <c>door_state.state</c>.</summary>
internal static class DoorStateJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public static string Serialize(DeviceState state) => JsonSerializer.Serialize(state, Options);

    public static DeviceState Deserialize(string json) =>
        JsonSerializer.Deserialize<DeviceState>(json, Options) ?? throw new InvalidDataException("door_state.state is null");
}

namespace F2.Doors.Derivation;

/// <summary>One device's part of the derivation: its clock M (spec 4.1) and its doors.</summary>
internal sealed class DeviceState
{
    /// <summary>The newest device time read so far (µs since the epoch), null before its first message.</summary>
    public long? Clock { get; set; }

    public Dictionary<int, DoorState> Doors { get; set; } = [];
}

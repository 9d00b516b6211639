namespace F2.Simulator.Behaviour;

/// <summary>
/// One planned step of a door, at its device time. A step that reveals an injected anomaly carries the anomaly's
/// ground-truth type and how long after the step the door stage reports it (e.g. <c>door_held_open</c>: held_open after
/// the opening).
/// </summary>
internal readonly record struct DoorStep(DateTime Time, DoorAction Action, string? Anomaly = null, TimeSpan AnomalyAfter = default);

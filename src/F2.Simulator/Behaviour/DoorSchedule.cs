using F2.Simulator.Generation;

namespace F2.Simulator.Behaviour;

/// <summary>
/// The doors of one device and their planned steps. At the device's first turn each door publishes its baseline (strike
/// locked, its connector's maps all closed and released); then each is used every <see cref="DoorTrafficOptions.Idle"/>
/// on average, at least <see cref="DoorTrafficOptions.MinimumIdle"/> after its previous use, so every window of the door
/// stage has closed. At each turn the earliest due step (planned at or before the turn's time) is published, stamped with
/// its planned device time. Steps are published in device-time order, so the device's clock never goes back, and the
/// timing the door stage sees does not depend on the rate: a slow rate only publishes them later.
/// </summary>
internal sealed class DoorSchedule(string deviceId, SimulatedDoor[] doors, DoorTrafficOptions options, IGroundTruth truth)
{
    private readonly double[] _shares = options.Shares;
    private bool _started;
    private int _nextReport;

    public bool HasDoors => doors.Length > 0;

    /// <summary>The earliest step due at <paramref name="now"/>, stamped by <paramref name="stamp"/>; false when none is due.</summary>
    public bool TryNext(DateTime now, Func<DateTime, DateTime> stamp, out SimulatedMessage message)
    {
        if (!_started)
        {
            Start(now);
        }

        SimulatedDoor? due = null;
        foreach (SimulatedDoor door in doors)
        {
            if (door.Steps.Count == 0 && door.NextUse <= now)
            {
                Plan(door);
            }

            if (door.Steps.TryPeek(out DoorStep step) && step.Time <= now && (due is null || step.Time < due.Steps.Peek().Time))
            {
                due = door;
            }
        }

        if (due is null)
        {
            message = default;
            return false;
        }

        DoorStep next = due.Steps.Dequeue();
        DateTime time = stamp(next.Time);
        message = due.Panel.Apply(due, next.Action, time);
        if (next.Anomaly is { } type)
        {
            truth.Record(deviceId, due.Spec.Number, type, time + next.AnomalyAfter);
        }

        return true;
    }

    /// <summary>A door's strike status as it is (the doors in turn): what a door-only controller reports between uses.</summary>
    public SimulatedMessage Report(DateTime time)
    {
        SimulatedDoor door = doors[_nextReport];
        _nextReport = (_nextReport + 1) % doors.Length;
        return AccessControlBehaviour.Strike(door, time);
    }

    private void Start(DateTime now)
    {
        _started = true;
        foreach (SimulatedDoor door in doors)
        {
            door.Steps.Enqueue(new DoorStep(now, DoorAction.Lock));
            door.Steps.Enqueue(new DoorStep(now, DoorAction.ReportContacts));
            if (door.Spec.HasExitButton)
            {
                door.Steps.Enqueue(new DoorStep(now, DoorAction.ReportExitButtons));
            }

            door.NextUse = now + TimeSpan.FromMicroseconds(door.Random.NextInt64(1_000_000, (long)options.Idle.TotalMicroseconds));
        }
    }

    private void Plan(SimulatedDoor door)
    {
        DoorUse use = DoorPlan.Choose(door.Random, _shares, door.Spec.HasReader, door.Spec.HasExitButton);
        var plan = new DoorPlan(door.NextUse, door.Random, door.Steps);
        plan.Add(use, door.Spec.HasReader);
        long spread = 2 * (long)(options.Idle - DoorTrafficOptions.MinimumIdle).TotalMicroseconds;
        door.NextUse = plan.End + DoorTrafficOptions.MinimumIdle + TimeSpan.FromMicroseconds(door.Random.NextInt64(spread + 1));
    }
}

using F2.Protocol.Doors;
using F2.Simulator.Generation;

namespace F2.Simulator.Behaviour;

/// <summary>
/// Plans one use of a door in device time, with a person's timing whatever the fleet's message rate: a read and its
/// unlock 0.1-0.4 s apart, an exit button held 0.1-0.3 s, the door opened 0.5-2 s after the unlock and open 2-6 s, the
/// strike relocked 0.2-1 s after the closing. Anomalies are timed against the door stage's default
/// <c>door_settings</c> (<see cref="DoorSettingDefaults"/>) with seconds to spare, so each is what the stage reports.
/// </summary>
internal sealed class DoorPlan(DateTime start, Random random, Queue<DoorStep> steps)
{
    private DateTime _time = start;

    public DateTime End => _time;

    public static DoorUse Choose(Random random, double[] shares, bool hasReader, bool hasExitButton)
    {
        double draw = random.NextDouble();
        double cumulative = 0;
        for (int i = 0; i < shares.Length; i++)
        {
            cumulative += shares[i];
            if (draw < cumulative)
            {
                var use = (DoorUse)i;
                bool fits = use switch
                {
                    DoorUse.DeniedCard or DoorUse.UnusedGrant => hasReader,
                    DoorUse.QuietExit => hasExitButton,
                    _ => true,
                };
                if (fits)
                {
                    return use;
                }

                break;
            }
        }

        return hasReader && (!hasExitButton || random.NextDouble() < 0.75) ? DoorUse.Entry : DoorUse.Exit;
    }

    public void Add(DoorUse use, bool hasReader)
    {
        switch (use)
        {
            case DoorUse.Entry:
                Grant();
                Pass();
                Relock();
                break;
            case DoorUse.Exit:
                ExitUnlock();
                Pass();
                Relock();
                break;
            case DoorUse.ForcedOpen:
                At(0, 0, DoorAction.Open, DoorEventType.DoorForcedOpen, TimeSpan.Zero);
                At(2000, 8000, DoorAction.Close);
                break;
            case DoorUse.HeldOpen:
                Authorize(hasReader);
                At(500, 2000, DoorAction.Open, DoorEventType.DoorHeldOpen, DoorSettingDefaults.HeldOpen);
                At(DoorSettingDefaults.HeldOpen, 2000, 20_000, DoorAction.Close);
                Relock();
                break;
            case DoorUse.DeniedCard:
                At(0, 0, DoorAction.ReadUnknown, DoorEventType.AccessDenied, DoorSettingDefaults.GrantWindow);
                break;
            case DoorUse.UnexplainedUnlock:
                At(0, 0, DoorAction.Unlock, DoorEventType.UnexplainedUnlock, TimeSpan.Zero);
                At(3000, 8000, DoorAction.Lock);
                break;
            case DoorUse.FailedRelock:
                Authorize(hasReader);
                At(500, 2000, DoorAction.Open);
                At(2000, 6000, DoorAction.Close, DoorEventType.FailedToRelock, DoorSettingDefaults.RelockTimeout);
                At(DoorSettingDefaults.RelockTimeout, 2000, 8000, DoorAction.Lock);
                break;
            case DoorUse.QuietExit:
                Step(TimeSpan.Zero, DoorAction.Press, GroundTruth.QuietExit, TimeSpan.Zero);
                At(100, 300, DoorAction.Release);
                At(400, 2000, DoorAction.Open);
                At(2000, 5000, DoorAction.Close);
                break;
            default:
                At(0, 0, DoorAction.Read);
                At(100, 400, DoorAction.Unlock, DoorEventType.GrantedNoEntry, DoorSettingDefaults.EntryWindow);
                At(3000, 8000, DoorAction.Lock);
                break;
        }
    }

    private void Authorize(bool hasReader)
    {
        if (hasReader)
        {
            Grant();
        }
        else
        {
            ExitUnlock();
        }
    }

    private void Grant()
    {
        At(0, 0, DoorAction.Read);
        At(100, 400, DoorAction.Unlock);
    }

    private void ExitUnlock()
    {
        At(0, 0, DoorAction.Press);
        At(100, 300, DoorAction.Release);
        At(50, 200, DoorAction.Unlock);
    }

    private void Pass()
    {
        At(500, 2000, DoorAction.Open);
        At(2000, 6000, DoorAction.Close);
    }

    private void Relock() => At(200, 1000, DoorAction.Lock);

    private void At(int minMs, int maxMs, DoorAction action, DoorEventType? anomaly = null, TimeSpan after = default) =>
        At(TimeSpan.Zero, minMs, maxMs, action, anomaly, after);

    private void At(TimeSpan plus, int minMs, int maxMs, DoorAction action, DoorEventType? anomaly = null, TimeSpan after = default) =>
        Step(plus + TimeSpan.FromMicroseconds(random.NextInt64(minMs * 1000L, (maxMs * 1000L) + 1)), action, anomaly?.ToWireName(), after);

    private void Step(TimeSpan delay, DoorAction action, string? anomaly, TimeSpan after)
    {
        _time += delay;
        steps.Enqueue(new DoorStep(_time, action, anomaly, after));
    }
}

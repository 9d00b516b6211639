using F2.Protocol;

namespace F2.Doors.Derivation;

/// <summary>
/// Derives door events from decoded messages in arrival order, exactly as spec sections 4 to 6 say: classifies each
/// door signal row, moves the device clock, then lets every door of the device work through what its watermark has
/// passed. Pure and single-threaded: no wall clock, no I/O. The state of each device is in <see cref="Devices"/>, so a
/// caller can persist it and build a deriver that continues exactly where this one stopped.
/// </summary>
internal sealed class DoorDeriver(DoorSettingsTable settings)
{
    private readonly List<PendingRow> _rows = [];

    public DoorSettingsTable Settings { get; set; } = settings;

    public Dictionary<string, DeviceState> Devices { get; } = new(StringComparer.Ordinal);

    public SignalCounts Counts;

    /// <summary>Processes one decoded message; appends the events it releases to <paramref name="events"/>.</summary>
    /// <returns>The device the message belongs to, or null when it has no rows.</returns>
    public string? Process(DecodedMessage message, List<DoorEvent> events)
    {
        if (message.Rows.Count == 0)
        {
            return null;
        }

        string deviceId = message.Rows[0].DeviceId;
        DeviceState device = DeviceOf(deviceId);
        long newest = long.MinValue;
        _rows.Clear();
        foreach (DecodedRow row in message.Rows)
        {
            long t = Micros(row.Time);
            newest = Math.Max(newest, t);
            if (DoorSignals.TryRead(message.Topic, row, t, out int door, out DoorSignal? signal, out bool ignored))
            {
                _rows.Add(new PendingRow(door, signal, ignored));
            }
        }

        foreach (PendingRow row in _rows)
        {
            Counts.Add(Classify(deviceId, device, row));
        }

        device.Clock = device.Clock is { } clock ? Math.Max(clock, newest) : newest;
        Advance(deviceId, device, events);
        return deviceId;
    }

    /// <summary>
    /// Moves the clock of <paramref name="deviceId"/> to <paramref name="time"/> as a message of that device with no
    /// door signals would (the wall-clock fallback of spec 4.6), and appends the events it releases.
    /// </summary>
    public void AdvanceClock(string deviceId, long time, List<DoorEvent> events)
    {
        if (Devices.TryGetValue(deviceId, out DeviceState? device) && device.Clock is { } clock && time > clock)
        {
            device.Clock = time;
            Advance(deviceId, device, events);
        }
    }

    public static long Micros(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    private DeviceState DeviceOf(string deviceId)
    {
        if (!Devices.TryGetValue(deviceId, out DeviceState? device))
        {
            Devices[deviceId] = device = new DeviceState();
        }

        return device;
    }

    private SignalOutcome Classify(string deviceId, DeviceState device, PendingRow row)
    {
        if (row.Ignored)
        {
            return SignalOutcome.Ignored;
        }

        DoorSignal signal = row.Signal!;
        long lateness = Settings.Resolve(deviceId, row.Door).Lateness;
        if (device.Clock is { } clock && signal.Time < clock - lateness)
        {
            return SignalOutcome.Late;
        }

        if (!device.Doors.TryGetValue(row.Door, out DoorState? door))
        {
            device.Doors[row.Door] = door = new DoorState();
        }

        if (door.Buffer.Exists(signal.HasSameKey))
        {
            return SignalOutcome.Duplicate;
        }

        door.Buffer.Add(signal);
        return SignalOutcome.Accepted;
    }

    private void Advance(string deviceId, DeviceState device, List<DoorEvent> events)
    {
        long clock = device.Clock!.Value;
        foreach ((int number, DoorState door) in device.Doors)
        {
            if (door.IsIdle)
            {
                continue;
            }

            DoorSettings doorSettings = Settings.Resolve(deviceId, number);
            long watermark = clock - doorSettings.Lateness;
            var rules = new DoorRules(door, doorSettings, deviceId, number, events);
            while (true)
            {
                DoorTimer? timer = Earliest(door.Timers, DoorTimer.Compare);
                DoorSignal? signal = Earliest(door.Buffer, DoorSignal.Compare);
                bool timerDue = timer is not null && timer.At <= watermark;
                bool signalDue = signal is not null && signal.Time < watermark;
                if (timerDue && (!signalDue || timer!.At <= signal!.Time))
                {
                    rules.Fire(timer!);
                }
                else if (signalDue)
                {
                    door.Buffer.Remove(signal!);
                    rules.Apply(signal!);
                }
                else
                {
                    break;
                }
            }
        }
    }

    private static T? Earliest<T>(List<T> items, Comparison<T> compare)
        where T : class
    {
        T? earliest = null;
        foreach (T item in items)
        {
            if (earliest is null || compare(item, earliest) < 0)
            {
                earliest = item;
            }
        }

        return earliest;
    }

    private readonly record struct PendingRow(int Door, DoorSignal? Signal, bool Ignored);
}

using F2.Protocol.Doors;

namespace F2.Doors.Derivation;

/// <summary>
/// The rules of spec section 6 for one door: what a signal or a due timer does to its <see cref="DoorState"/> and
/// which events it emits. Pure: no clock, no I/O.
/// </summary>
internal sealed class DoorRules(DoorState state, DoorSettings settings, string deviceId, int door, List<DoorEvent> events)
{
    private const int Locked = 0;
    private const int Unlocked = 1;
    private const int Closed = 0;
    private const int Open = 1;
    private const int Pressed = 1;

    public void Apply(DoorSignal signal)
    {
        if (signal.Kind == SignalKind.Read)
        {
            Read(signal);
            return;
        }

        int? level = signal.Kind switch
        {
            SignalKind.Rex => state.Rex,
            SignalKind.Strike => state.Strike,
            _ => state.Contact,
        };
        SetLevel(signal.Kind, signal.Value);
        if (level is not { } known || known == signal.Value)
        {
            return; // a baseline or a repeat
        }

        switch ((signal.Kind, signal.Value))
        {
            case (SignalKind.Rex, Pressed):
                Press(signal.Time);
                break;
            case (SignalKind.Strike, Unlocked):
                Unlock(signal.Time);
                break;
            case (SignalKind.Strike, Locked):
                Cancel(DoorEventType.FailedToRelock);
                break;
            case (SignalKind.Contact, Open):
                Opening(signal.Time);
                break;
            case (SignalKind.Contact, Closed):
                Closing(signal.Time);
                break;
        }
    }

    public void Fire(DoorTimer timer)
    {
        state.Timers.Remove(timer);
        switch (timer.Type)
        {
            case DoorEventType.AccessDenied when timer.Judged:
                Emit(DoorEventType.AccessDenied, timer.At, timer.Credential, timer.Cause);
                break;
            case DoorEventType.GrantedNoEntry:
                Emit(DoorEventType.GrantedNoEntry, timer.At, cause: timer.Cause);
                break;
            case DoorEventType.DoorHeldOpen:
                Emit(DoorEventType.DoorHeldOpen, timer.At, cause: timer.Cause);
                state.Episode?.Held = true;
                break;
            case DoorEventType.FailedToRelock:
                events.Add(new DoorEvent(deviceId, door, DoorEventType.FailedToRelock, timer.At, CauseTime: timer.Cause, ArmedByClose: timer.ArmedByClose));
                break;
        }
    }

    private void SetLevel(SignalKind kind, int value)
    {
        switch (kind)
        {
            case SignalKind.Rex:
                state.Rex = value;
                break;
            case SignalKind.Strike:
                state.Strike = value;
                break;
            default:
                state.Contact = value;
                break;
        }
    }

    private void Read(DoorSignal read)
    {
        Arm(DoorEventType.AccessDenied, read.Time + settings.GrantWindow, read.Time, read.Credential, judged: state.Strike == Locked);
    }

    private void Press(long t)
    {
        Emit(DoorEventType.ExitRequest, t);
        state.Presses.RemoveAll(press => press <= t - settings.GrantWindow);
        state.Presses.Add(t);
        state.ShuntUntil = t + settings.RexShunt;
    }

    private void Unlock(long t)
    {
        DoorTimer? read = null;
        foreach (DoorTimer timer in state.Timers)
        {
            if (timer.Type == DoorEventType.AccessDenied && (read is null || DoorTimer.Compare(timer, read) > 0))
            {
                read = timer;
            }
        }

        state.Presses.RemoveAll(press => press <= t - settings.GrantWindow);
        if (read is not null)
        {
            state.Timers.Remove(read);
            Emit(DoorEventType.AccessGranted, t, read.Credential, read.Cause);
            state.EntryUntil = t + settings.EntryWindow;
            if (state.Contact == Closed)
            {
                Arm(DoorEventType.GrantedNoEntry, t + settings.EntryWindow, t);
            }
        }
        else if (state.Presses.Count > 0)
        {
            state.Presses.RemoveAt(state.Presses.Count - 1);
        }
        else
        {
            Emit(DoorEventType.UnexplainedUnlock, t);
        }

        if (state.Contact == Closed)
        {
            Cancel(DoorEventType.FailedToRelock);
            Arm(DoorEventType.FailedToRelock, t + settings.RelockTimeout, t);
        }
    }

    private void Opening(long t)
    {
        bool authorized = state.Strike == Unlocked || t < state.EntryUntil || t < state.ShuntUntil;
        state.EntryUntil = null;
        state.ShuntUntil = null;
        bool forced = !authorized && state.Strike == Locked;
        if (forced)
        {
            Emit(DoorEventType.DoorForcedOpen, t);
        }

        state.Episode = new DoorEpisode { OpenedAt = t, Forced = forced };
        Cancel(DoorEventType.DoorHeldOpen);
        Arm(DoorEventType.DoorHeldOpen, t + settings.HeldOpen, t);
        Cancel(DoorEventType.GrantedNoEntry);
        Cancel(DoorEventType.FailedToRelock);
    }

    private void Closing(long t)
    {
        Cancel(DoorEventType.DoorHeldOpen);
        if (state.Episode is { } episode && (episode.Forced || episode.Held))
        {
            events.Add(new DoorEvent(deviceId, door, DoorEventType.DoorClosed, t, CauseTime: episode.OpenedAt, Forced: episode.Forced, Held: episode.Held));
        }

        state.Episode = null;
        if (state.Strike == Unlocked)
        {
            Cancel(DoorEventType.FailedToRelock);
            Arm(DoorEventType.FailedToRelock, t + settings.RelockTimeout, t, armedByClose: true);
        }
    }

    private void Arm(DoorEventType type, long at, long cause, string? credential = null, bool judged = false, bool armedByClose = false)
        => state.Timers.Add(new DoorTimer
        {
            Type = type, At = at, Cause = cause, Credential = credential, Judged = judged, ArmedByClose = armedByClose,
            Sequence = state.NextSequence++,
        });

    private void Cancel(DoorEventType type) => state.Timers.RemoveAll(timer => timer.Type == type);

    private void Emit(DoorEventType type, long time, string? credential = null, long? cause = null)
        => events.Add(new DoorEvent(deviceId, door, type, time, credential, cause));
}

namespace F2.Simulator.Behaviour;

/// <summary>
/// One door: scan (or exit button press and release) → unlock → open → close → relock. Some scans are rejected, and
/// now and then nobody opens an unlocked door, so it relocks without opening.
/// </summary>
internal sealed class DoorStateMachine(bool hasReader, bool hasExitButton)
{
    private const double ScanShare = 0.75;
    private const double AcceptedShare = 0.9;
    private const double OpenedShare = 0.9;

    private State _state = State.Locked;

    private enum State
    {
        Locked,
        ExitHeld,
        Granted,
        Unlocked,
        Open,
        Closed,
    }

    public bool IsOpen => _state == State.Open;

    public bool IsExitPressed => _state == State.ExitHeld;

    public DoorEvent Step(Random random)
    {
        (DoorEvent happened, _state) = _state switch
        {
            State.Locked => Request(random),
            State.ExitHeld => (DoorEvent.ExitReleased, State.Granted),
            State.Granted => (DoorEvent.Unlocked, State.Unlocked),
            State.Unlocked => random.NextDouble() < OpenedShare ? (DoorEvent.Opened, State.Open) : (DoorEvent.Relocked, State.Locked),
            State.Open => (DoorEvent.Closed, State.Closed),
            _ => (DoorEvent.Relocked, State.Locked),
        };
        return happened;
    }

    private (DoorEvent, State) Request(Random random)
    {
        bool scan = hasReader && (!hasExitButton || random.NextDouble() < ScanShare);
        if (scan)
        {
            return random.NextDouble() < AcceptedShare ? (DoorEvent.CardAccepted, State.Granted) : (DoorEvent.CardRejected, State.Locked);
        }

        return hasExitButton ? (DoorEvent.ExitPressed, State.ExitHeld) : (DoorEvent.Unlocked, State.Unlocked);
    }
}

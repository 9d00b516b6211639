using F2.Protocol.Doors;

namespace F2.Doors.Derivation;

/// <summary>
/// An armed timer of a door (spec section 5): fires at <see cref="At"/>; <see cref="Cause"/> is the time of what armed
/// it (the read, the grant, the opening, the arming closing or unlock). An <c>access_denied</c> timer is also the
/// pending read: it carries the read's <see cref="Credential"/> and whether it was <see cref="Judged"/>.
/// </summary>
internal sealed class DoorTimer
{
    public DoorEventType Type { get; set; }

    public long At { get; set; }

    public long Cause { get; set; }

    public string? Credential { get; set; }

    public bool Judged { get; set; }

    public bool ArmedByClose { get; set; }

    /// <summary>Arming order, to keep equal timers in a stable order.</summary>
    public long Sequence { get; set; }

    /// <summary>The processing order of section 4.4 among timers: instant, then event type, then arming order.</summary>
    public static int Compare(DoorTimer a, DoorTimer b)
    {
        int order = a.At.CompareTo(b.At);
        if (order == 0)
        {
            order = a.Type.CompareTo(b.Type);
        }

        return order != 0 ? order : a.Sequence.CompareTo(b.Sequence);
    }
}

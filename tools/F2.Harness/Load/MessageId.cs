using System.Globalization;

namespace F2.Harness.Load;

/// <summary>
/// A load message's identity: device <see cref="Device"/>'s <see cref="Sequence"/>-th message. It is recoverable from
/// the stored row (device id and time) and from a dead-letter record (topic and payload timestamp).
/// </summary>
public readonly record struct MessageId(int Device, int Sequence) : IComparable<MessageId>
{
    public int CompareTo(MessageId other)
        => Device != other.Device ? Device.CompareTo(other.Device) : Sequence.CompareTo(other.Sequence);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Device}#{Sequence}");
}

using System.Diagnostics;

namespace F2.Simulator.Publishing;

/// <summary>A publish awaiting the broker's acknowledgement: its topic (for the logs) and its span, ended on completion.</summary>
internal readonly record struct PendingPublish(string Topic, Activity? Span);

/// <summary>
/// The publishes of one connection that await the broker's acknowledgement, by packet identifier, at most
/// <see cref="Size"/> at once. Identifiers cycle through 1 to twice the size (at most 65,535), skipping any still in
/// flight, so the table stays small and an identifier is not reused while its publish is in flight. Once closed (the
/// connection is gone) it takes nothing more, so no publish is left behind unaccounted.
/// </summary>
internal sealed class InFlightWindow
{
    private readonly PendingPublish[] _pending;
    private readonly Lock _gate = new();
    private int _lastIdentifier;
    private int _count;
    private bool _closed;

    public InFlightWindow(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, ushort.MaxValue);
        Size = size;
        _pending = new PendingPublish[Math.Min(ushort.MaxValue, Math.Max(2 * size, 16)) + 1];
    }

    /// <summary>How many publishes may await their acknowledgement at once.</summary>
    public int Size { get; }

    /// <summary>How many publishes await their acknowledgement.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Records a publish and gives the packet identifier to send it with; false when the window is full or closed.</summary>
    public bool TryAdd(PendingPublish publish, out ushort packetIdentifier)
    {
        lock (_gate)
        {
            if (_closed || _count == Size)
            {
                packetIdentifier = 0;
                return false;
            }

            do
            {
                _lastIdentifier = _lastIdentifier == _pending.Length - 1 ? 1 : _lastIdentifier + 1;
            }
            while (_pending[_lastIdentifier].Topic is not null);

            _pending[_lastIdentifier] = publish;
            _count++;
            packetIdentifier = (ushort)_lastIdentifier;
            return true;
        }
    }

    /// <summary>Removes the publish sent with <paramref name="packetIdentifier"/>; false when none is in flight with it.</summary>
    public bool TryComplete(ushort packetIdentifier, out PendingPublish publish)
    {
        lock (_gate)
        {
            if (packetIdentifier >= _pending.Length || _pending[packetIdentifier].Topic is null)
            {
                publish = default;
                return false;
            }

            publish = _pending[packetIdentifier];
            _pending[packetIdentifier] = default;
            _count--;
            return true;
        }
    }

    /// <summary>Closes the window (its connection is gone) and removes every publish still in flight.</summary>
    public List<PendingPublish> Close()
    {
        var removed = new List<PendingPublish>();
        lock (_gate)
        {
            _closed = true;
            for (int i = 1; i < _pending.Length; i++)
            {
                if (_pending[i].Topic is not null)
                {
                    removed.Add(_pending[i]);
                    _pending[i] = default;
                }
            }

            _count = 0;
        }

        return removed;
    }
}

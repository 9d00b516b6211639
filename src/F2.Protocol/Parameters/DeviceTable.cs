using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using F2.Protocol.Text;

namespace F2.Protocol.Parameters;

/// <summary>
/// The rows of a <see cref="ParameterSet"/> laid out for lookups that touch few cache lines: an open-addressing table
/// from MAC to a range of two flat arrays (component keys, searched with a vectorised scan, and their parameters).
/// The rows of any device (<c>*</c>) are one more range. Immutable once built, so any number of threads may read it.
/// </summary>
internal sealed class DeviceTable
{
    private readonly Entry[] _entries;
    private readonly int _shift;
    private readonly ushort[] _components;
    private readonly DeviceParameter[] _parameters;
    private readonly Range _anyDevice;

    public DeviceTable(Dictionary<ulong, Dictionary<ushort, DeviceParameter>> byDevice)
    {
        int deviceCount = byDevice.Count - (byDevice.ContainsKey(ParameterKey.AnyDevice) ? 1 : 0);
        int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, deviceCount * 2));
        _entries = new Entry[capacity];
        _shift = 64 - BitOperations.Log2((uint)capacity);
        Count = byDevice.Values.Sum(rows => rows.Count);
        _components = new ushort[Count];
        _parameters = new DeviceParameter[Count];
        int next = 0;
        foreach ((ulong device, Dictionary<ushort, DeviceParameter> rows) in byDevice)
        {
            var range = new Range(next, rows.Count);
            foreach ((ushort component, DeviceParameter parameter) in rows)
            {
                _components[next] = component;
                _parameters[next++] = parameter;
            }

            if (device == ParameterKey.AnyDevice)
            {
                _anyDevice = range;
            }
            else
            {
                _entries[FreeSlot(device)] = new Entry(device, range, DeviceIds.Format(device));
            }
        }
    }

    public int Count { get; }

    /// <summary>
    /// The row for <paramref name="key"/> in the spec's order; <paramref name="deviceId"/> is the device's canonical id
    /// when the table has rows of its own for it.
    /// </summary>
    public bool TryResolve(in ParameterKey key, [MaybeNullWhen(false)] out DeviceParameter parameter, out string? deviceId)
    {
        deviceId = null;
        for (int slot = Home(key.Device); _entries[slot].DeviceId is { } id; slot = (slot + 1) & (_entries.Length - 1))
        {
            if (_entries[slot].Device == key.Device)
            {
                deviceId = id;
                if (TryFind(_entries[slot].Rows, key, out parameter))
                {
                    return true;
                }

                break;
            }
        }

        return TryFind(_anyDevice, key, out parameter);
    }

    private bool TryFind(Range rows, in ParameterKey key, [MaybeNullWhen(false)] out DeviceParameter parameter)
    {
        ReadOnlySpan<ushort> components = _components.AsSpan(rows.Start, rows.Count);
        int index = components.IndexOf(key.Component);
        if (index < 0)
        {
            index = components.IndexOf(key.AnyIdComponent);
        }

        parameter = index >= 0 ? _parameters[rows.Start + index] : null;
        return parameter is not null;
    }

    /// <summary>Fibonacci hashing of the MAC onto the table.</summary>
    private int Home(ulong device) => (int)((device * 0x9E3779B97F4A7C15UL) >> _shift);

    private int FreeSlot(ulong device)
    {
        int slot = Home(device);
        while (_entries[slot].DeviceId is not null)
        {
            slot = (slot + 1) & (_entries.Length - 1);
        }

        return slot;
    }

    private readonly record struct Range(int Start, int Count);

    /// <summary>An empty slot has no device id.</summary>
    private readonly record struct Entry(ulong Device, Range Rows, string? DeviceId);
}

using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using F2.Protocol.Parameters;
using F2.Protocol.Text;

namespace F2.Protocol;

/// <summary>
/// An immutable set of <see cref="DeviceParameter"/> rows with the spec's precedence (section 3):
/// exact device + exact id, exact device + <c>*</c>, <c>*</c> + exact id, <c>*</c> + <c>*</c>.
/// Lookups do not allocate and are safe from any number of threads. Build a new set to apply a change, then swap
/// the reference.
/// </summary>
public sealed class ParameterSet
{
    private readonly FrozenDictionary<ulong, DeviceRows> _devices;
    private readonly DeviceRows _anyDevice;

    private ParameterSet(FrozenDictionary<ulong, DeviceRows> devices, DeviceRows anyDevice, int ignoredCount)
    {
        _devices = devices;
        _anyDevice = anyDevice;
        IgnoredCount = ignoredCount;
        Count = anyDevice.Count;
        foreach (DeviceRows rows in devices.Values)
        {
            Count += rows.Count;
        }
    }

    public static ParameterSet Empty { get; } = Create([]);

    /// <summary>The number of distinct keys in the set.</summary>
    public int Count { get; }

    /// <summary>
    /// Rows left out because they can never apply: a key no topic can match (malformed device id, unknown mode or
    /// component type, a component id that does not fit the type), an undefined encoding, or no units.
    /// </summary>
    public int IgnoredCount { get; }

    /// <summary>Builds a set; a later row with the same key replaces an earlier one (device ids compare in any case).</summary>
    public static ParameterSet Create(IEnumerable<DeviceParameter> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var byDevice = new Dictionary<ulong, Dictionary<ushort, DeviceParameter>>();
        int ignored = 0;
        foreach (DeviceParameter row in rows)
        {
            if (row?.Units is not null
                && Enum.IsDefined(row.Encoding)
                && ParameterKey.TryCreate(row.DeviceId, row.ConnectorMode, row.ComponentType, row.ComponentId, allowWildcards: true, out ParameterKey key))
            {
                if (!byDevice.TryGetValue(key.Device, out Dictionary<ushort, DeviceParameter>? components))
                {
                    byDevice[key.Device] = components = [];
                }

                components[key.Component] = row;
            }
            else
            {
                ignored++;
            }
        }

        DeviceRows anyDevice = byDevice.Remove(ParameterKey.AnyDevice, out var wildcardRows) ? new DeviceRows(null, wildcardRows) : DeviceRows.None;
        FrozenDictionary<ulong, DeviceRows> devices = byDevice.ToFrozenDictionary(
            pair => pair.Key, pair => new DeviceRows(DeviceIds.Format(pair.Key), pair.Value));
        return new ParameterSet(devices, anyDevice, ignored);
    }

    /// <summary>Finds the row that applies to <paramref name="address"/>, or false (<c>params_missing</c>).</summary>
    public bool TryResolve(in DeviceTopic address, [MaybeNullWhen(false)] out DeviceParameter parameter)
    {
        parameter = null;
        return ParameterKey.TryCreate(address.DeviceId, address.ConnectorMode, address.ComponentType, address.ComponentId, allowWildcards: false, out ParameterKey key)
            && TryResolve(key, out parameter, out _);
    }

    /// <summary>
    /// Finds the row for <paramref name="key"/>; <paramref name="deviceId"/> is the device's canonical id when the set
    /// has rows of its own for it (null otherwise, whether found or not).
    /// </summary>
    internal bool TryResolve(in ParameterKey key, [MaybeNullWhen(false)] out DeviceParameter parameter, out string? deviceId)
    {
        deviceId = null;
        if (_devices.TryGetValue(key.Device, out DeviceRows? rows))
        {
            deviceId = rows.DeviceId;
            if (rows.TryFind(key, out parameter))
            {
                return true;
            }
        }

        return _anyDevice.TryFind(key, out parameter);
    }
}

using System.Diagnostics.CodeAnalysis;
using F2.Protocol.Parameters;

namespace F2.Protocol;

/// <summary>
/// An immutable set of <see cref="DeviceParameter"/> rows with the spec's precedence (section 3):
/// exact device + exact id, exact device + <c>*</c>, <c>*</c> + exact id, <c>*</c> + <c>*</c>.
/// Lookups do not allocate and are safe from any number of threads. Build a new set to apply a change, then swap
/// the reference.
/// </summary>
public sealed class ParameterSet
{
    private readonly DeviceTable _table;

    private ParameterSet(DeviceTable table, int ignoredCount)
    {
        _table = table;
        IgnoredCount = ignoredCount;
    }

    public static ParameterSet Empty { get; } = Create([]);

    /// <summary>The number of distinct keys in the set.</summary>
    public int Count => _table.Count;

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

        return new ParameterSet(new DeviceTable(byDevice), ignored);
    }

    /// <summary>Finds the row that applies to <paramref name="address"/>, or false (<c>params_missing</c>).</summary>
    public bool TryResolve(in DeviceTopic address, [MaybeNullWhen(false)] out DeviceParameter parameter)
    {
        parameter = null;
        return ParameterKey.TryCreate(address.DeviceId, address.ConnectorMode, address.ComponentType, address.ComponentId, allowWildcards: false, out ParameterKey key)
            && _table.TryResolve(key, out parameter, out _);
    }

    /// <summary>
    /// Finds the row for <paramref name="key"/>; <paramref name="deviceId"/> is the device's canonical id when the set
    /// has rows of its own for it (null otherwise, whether found or not).
    /// </summary>
    internal bool TryResolve(in ParameterKey key, [MaybeNullWhen(false)] out DeviceParameter parameter, out string? deviceId) =>
        _table.TryResolve(key, out parameter, out deviceId);
}

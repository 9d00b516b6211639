using System.Collections.Frozen;
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
    private readonly FrozenDictionary<ulong, DeviceParameter> _rows;

    private ParameterSet(FrozenDictionary<ulong, DeviceParameter> rows, int ignoredCount)
    {
        _rows = rows;
        IgnoredCount = ignoredCount;
    }

    public static ParameterSet Empty { get; } = Create([]);

    /// <summary>The number of distinct keys in the set.</summary>
    public int Count => _rows.Count;

    /// <summary>
    /// Rows left out because they can never apply: a key no topic can match (malformed device id, unknown mode or
    /// component type, a component id that does not fit the type), an undefined encoding, or no units.
    /// </summary>
    public int IgnoredCount { get; }

    /// <summary>Builds a set; a later row with the same key replaces an earlier one (device ids compare in any case).</summary>
    public static ParameterSet Create(IEnumerable<DeviceParameter> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var byKey = new Dictionary<ulong, DeviceParameter>();
        int ignored = 0;
        foreach (DeviceParameter row in rows)
        {
            if (row?.Units is not null
                && Enum.IsDefined(row.Encoding)
                && ParameterKey.TryCreate(row.DeviceId, row.ConnectorMode, row.ComponentType, row.ComponentId, allowWildcards: true, out ParameterKey key))
            {
                byKey[key.Packed] = row;
            }
            else
            {
                ignored++;
            }
        }

        return new ParameterSet(byKey.ToFrozenDictionary(), ignored);
    }

    /// <summary>Finds the row that applies to <paramref name="address"/>, or false (<c>params_missing</c>).</summary>
    public bool TryResolve(in DeviceTopic address, [MaybeNullWhen(false)] out DeviceParameter parameter)
    {
        if (ParameterKey.TryCreate(address.DeviceId, address.ConnectorMode, address.ComponentType, address.ComponentId, allowWildcards: false, out ParameterKey key))
        {
            return TryResolve(key, out parameter);
        }

        parameter = null;
        return false;
    }

    internal bool TryResolve(ParameterKey exact, [MaybeNullWhen(false)] out DeviceParameter parameter)
    {
        ParameterKey anyId = exact.WithAnyComponentId();
        return _rows.TryGetValue(exact.Packed, out parameter)
            || _rows.TryGetValue(anyId.Packed, out parameter)
            || _rows.TryGetValue(exact.WithAnyDevice().Packed, out parameter)
            || _rows.TryGetValue(anyId.WithAnyDevice().Packed, out parameter);
    }
}

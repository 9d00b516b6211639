using System.Diagnostics.CodeAnalysis;

namespace F2.Protocol.Parameters;

/// <summary>
/// The rows of one device (or of <c>*</c>): component keys in a small array searched with a vectorised scan, so a
/// lookup touches two contiguous arrays. Immutable once built.
/// </summary>
internal sealed class DeviceRows
{
    private readonly ushort[] _components;
    private readonly DeviceParameter[] _parameters;

    public DeviceRows(string? deviceId, Dictionary<ushort, DeviceParameter> rows)
    {
        DeviceId = deviceId;
        _components = [.. rows.Keys];
        _parameters = [.. rows.Values];
    }

    public static DeviceRows None { get; } = new(null, []);

    /// <summary>The canonical device id (lower case); null for the rows of any device.</summary>
    public string? DeviceId { get; }

    public int Count => _components.Length;

    /// <summary>The row for the exact component id, else the row for <c>*</c>.</summary>
    public bool TryFind(in ParameterKey key, [MaybeNullWhen(false)] out DeviceParameter parameter)
    {
        int index = _components.AsSpan().IndexOf(key.Component);
        if (index < 0)
        {
            index = _components.AsSpan().IndexOf(key.AnyIdComponent);
        }

        parameter = index >= 0 ? _parameters[index] : null;
        return parameter is not null;
    }
}

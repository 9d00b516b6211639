namespace F2.Protocol;

/// <summary>
/// An immutable set of <see cref="DeviceParameter"/> rows with the spec's precedence (section 3):
/// exact device + exact id, exact device + <c>*</c>, <c>*</c> + exact id, <c>*</c> + <c>*</c>.
/// Lookups do not allocate. Build a new set to apply a change, then swap the reference.
/// </summary>
public sealed class ParameterSet
{
    public static ParameterSet Empty { get; } = Create([]);

    public int Count => throw new NotImplementedException();

    /// <summary>Builds a set; a later row with the same key replaces an earlier one.</summary>
    public static ParameterSet Create(IEnumerable<DeviceParameter> rows) => throw new NotImplementedException();

    /// <summary>Finds the row that applies to <paramref name="address"/>, or false (<c>params_missing</c>).</summary>
    public bool TryResolve(in DeviceTopic address, out DeviceParameter parameter) => throw new NotImplementedException();
}

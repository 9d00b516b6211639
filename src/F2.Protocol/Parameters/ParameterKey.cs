using F2.Protocol.Text;
using F2.Protocol.Topics;

namespace F2.Protocol.Parameters;

/// <summary>
/// The key of a <c>device_parameters</c> row as numbers: the device (48-bit MAC, or <see cref="AnyDevice"/>) and the
/// component packed into a <see cref="ushort"/> (bits 10-11 the mode, 7-9 the component type, 0-6 the component id:
/// 0 for <c>N/A</c>, 1-99, or <see cref="AnyComponentId"/>), so lookups neither hash strings nor allocate.
/// </summary>
internal readonly record struct ParameterKey(ulong Device, int Mode, ComponentKind Kind, int ComponentId)
{
    public const ulong AnyDevice = 1UL << 48;
    public const int AnyComponentId = 127;

    public ushort Component => (ushort)((Mode << 10) | ((int)Kind << 7) | ComponentId);

    public ushort AnyIdComponent => (ushort)((Mode << 10) | ((int)Kind << 7) | AnyComponentId);

    public static ParameterKey For(in TopicAddress address) => new(address.Mac, address.Mode, address.Kind, address.Number);

    /// <summary>
    /// Reads wire strings into a key. With <paramref name="allowWildcards"/>, <c>*</c> stands for any device or any id.
    /// False when the strings can never match a topic (malformed device id, unknown mode or type, an id that does not
    /// fit the type).
    /// </summary>
    public static bool TryCreate(
        string? deviceId, string? mode, string? componentType, string? componentId, bool allowWildcards, out ParameterKey key)
    {
        key = default;
        ulong device = AnyDevice;
        bool anyDevice = allowWildcards && deviceId == DeviceParameter.Wildcard;
        int modeIndex = WireNames.IndexOf(WireNames.Modes, mode.AsSpan());
        int kindIndex = WireNames.IndexOf(WireNames.ComponentTypes, componentType.AsSpan());
        if ((!anyDevice && !DeviceIds.TryParse(deviceId.AsSpan(), out device)) || modeIndex < 0 || kindIndex < 0)
        {
            return false;
        }

        var kind = (ComponentKind)kindIndex;
        int id = allowWildcards && componentId == DeviceParameter.Wildcard
            ? AnyComponentId
            : WireNames.ComponentIdIndex(componentId.AsSpan());
        if (id < 0 || (id != AnyComponentId && WireNames.HasNumber(kind) != (id != 0)))
        {
            return false;
        }

        key = new ParameterKey(device, modeIndex, kind, id);
        return true;
    }
}

using F2.Protocol.Text;
using F2.Protocol.Topics;

namespace F2.Protocol;

/// <summary>
/// A device topic parsed into its typed parts (spec section 1):
/// <c>cmnd/f2-&lt;mac&gt;/&lt;mode&gt;/&lt;connector&gt;/&lt;component&gt;</c>.
/// All strings are the canonical wire forms (device id in lower case, <c>N/A</c> for components without a number).
/// </summary>
public readonly record struct DeviceTopic(
    string DeviceId,
    string ConnectorMode,
    string Connector,
    string ComponentType,
    string ComponentId,
    int Number)
{
    /// <summary>Parses a topic; false for anything that breaks the grammar (<c>topic_invalid</c>).</summary>
    public static bool TryParse(string topic, out DeviceTopic address)
    {
        if (topic is not null && TopicParser.TryParse(topic, out TopicAddress parsed))
        {
            address = parsed.ToDeviceTopic();
            return true;
        }

        address = default;
        return false;
    }

    /// <summary>Builds the topic a device publishes to, e.g. <c>cmnd/f2-e4fd45f654be/access-control-mode/J1/strike-1</c>.</summary>
    /// <param name="deviceId">Device id, <c>f2-</c> and 12 hex digits.</param>
    /// <param name="connectorMode">Wire form, e.g. <c>alarm-mode</c>.</param>
    /// <param name="connector"><c>J1</c> to <c>J4</c>.</param>
    /// <param name="componentType">Wire form, e.g. <c>RS485-sensor</c>.</param>
    /// <param name="number">1 to 99; ignored (must be 0) for <c>door-sensors</c> and <c>exit-buttons</c>.</param>
    /// <exception cref="ArgumentException">The parts do not make a valid topic.</exception>
    public static string Format(string deviceId, string connectorMode, string connector, string componentType, int number)
    {
        int kind = WireNames.IndexOf(WireNames.ComponentTypes, componentType.AsSpan());
        if (kind < 0)
        {
            throw new ArgumentException($"Unknown component type '{componentType}'.", nameof(componentType));
        }

        string token = WireNames.TopicTokens[kind];
        if (WireNames.HasNumber((ComponentKind)kind))
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 99);
            token += WireNames.ComponentIds[number];
        }

        string topic = string.Join('/', "cmnd", deviceId, connectorMode, connector, token);
        if (!TopicParser.TryParse(topic, out _))
        {
            throw new ArgumentException($"'{topic}' is not a valid device topic.", nameof(deviceId));
        }

        return topic;
    }
}

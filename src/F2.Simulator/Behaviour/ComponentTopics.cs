using F2.Protocol;
using F2.Protocol.Topics;
using F2.Simulator.Models;

namespace F2.Simulator.Behaviour;

/// <summary>Builds the topic a device's component publishes to.</summary>
internal static class ComponentTopics
{
    public static string For(string deviceId, Component component) =>
        DeviceTopic.Format(deviceId, component.Mode, component.Connector, component.Kind.WireName(), component.Number);

    public static string For(string deviceId, ConnectorLayout connector, ComponentKind kind, int number) =>
        For(deviceId, connector.Components.First(c => c.Kind == kind && c.Number == number));
}

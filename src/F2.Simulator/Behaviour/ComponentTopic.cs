using F2.Simulator.Models;

namespace F2.Simulator.Behaviour;

/// <summary>A component of one device and the topic it publishes to.</summary>
internal sealed record ComponentTopic(Component Component, string Topic);

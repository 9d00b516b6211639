using F2.Protocol;

namespace F2.Simulator.Generation;

/// <summary>One message a simulated device publishes.</summary>
/// <param name="Topic">The MQTT topic.</param>
/// <param name="Payload">The UTF-8 JSON payload.</param>
/// <param name="InjectedFault">For a deliberately bad message, the rejection the pipeline must report; else null.</param>
internal readonly record struct SimulatedMessage(string Topic, byte[] Payload, RejectReason? InjectedFault = null);

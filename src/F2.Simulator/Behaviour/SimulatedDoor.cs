using F2.Protocol.Topics;
using F2.Simulator.Models;
using F2.Simulator.Payloads;

namespace F2.Simulator.Behaviour;

/// <summary>
/// One door: its topics, its levels as published so far, the steps planned for it and its own random source (seeded
/// from the device's), so its uses and their timing are the same whatever the rest of the device and the rate do.
/// </summary>
internal sealed class SimulatedDoor(string deviceId, AccessControlConnector connector, DoorSpec spec, AccessControlBehaviour panel, Random deviceRandom)
{
    public DoorSpec Spec { get; } = spec;

    public AccessControlBehaviour Panel { get; } = panel;

    public Random Random { get; } = new(deviceRandom.Next());

    public string StrikeTopic { get; } = ComponentTopics.For(deviceId, connector, ComponentKind.Strike, spec.Number);

    public string? ReaderTopic { get; } = spec.HasReader ? ComponentTopics.For(deviceId, connector, ComponentKind.QrNfcReader, spec.Number) : null;

    /// <summary>Firmware differs per reader: most send the bytes repr of a JSON string, some plain text.</summary>
    public ReaderFormat ReaderFormat { get; } = deviceRandom.Next(4) == 0 ? ReaderFormat.PlainText : ReaderFormat.BytesLiteral;

    /// <summary>The planned steps, in device-time order.</summary>
    public Queue<DoorStep> Steps { get; } = new();

    /// <summary>When the next use starts (device time); planned once the device's turn comes at or after it.</summary>
    public DateTime NextUse { get; set; } = DateTime.MaxValue;

    public bool IsUnlocked { get; set; }

    public bool IsOpen { get; set; }

    public bool IsExitPressed { get; set; }
}

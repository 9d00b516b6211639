using F2.Doors.Derivation;
using F2.Protocol;
using F2.Protocol.Doors;
using F2.Simulator;
using F2.Simulator.Generation;

namespace F2.Tests.Simulator;

/// <summary>A simulator run in memory, its ground truth, and the door events the door stage's rules derive from it.</summary>
internal sealed class SimulatedDoorTraffic
{
    public required DoorGroundTruth Truth { get; init; }

    public required List<DoorGroundTruth.Entry> Events { get; init; }

    /// <summary>Each device's final clock (its newest message's device time).</summary>
    public required Dictionary<string, DateTime> Clocks { get; init; }

    /// <summary>Every anomaly share of <paramref name="options"/> set to <paramref name="share"/>.</summary>
    public static SimulatorOptions WithAnomalies(SimulatorOptions options, double share)
    {
        DoorTrafficOptions doors = options.Doors;
        doors.ForcedOpenShare = doors.HeldOpenShare = doors.DeniedCardShare = doors.UnexplainedUnlockShare = share;
        doors.FailedRelockShare = doors.QuietExitShare = doors.UnusedGrantShare = share;
        return options;
    }

    public static SimulatedDoorTraffic Run(SimulatorOptions options, int messages, TimeSpan perMessage)
    {
        var truth = new DoorGroundTruth();
        var clock = new ManualClock();
        var generator = MessageGenerator.Create(options, clock, truth);
        var parameters = ParameterSet.Create(generator.Devices.SelectMany(d => d.Parameters));
        var deriver = new DoorDeriver(DoorSettingsTable.Empty);
        var events = new List<DoorEvent>();
        var clocks = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        var rows = new List<DecodedRow>();
        for (int i = 0; i < messages; i++)
        {
            SimulatedMessage message = generator.Next();
            clock.Advance(perMessage);
            rows.Clear();
            Assert.True(MessageDecoder.Decode(message.Topic, message.Payload, parameters, rows).IsSuccess);
            deriver.Process(new DecodedMessage(message.Topic, rows[0].Time, 0, i, [.. rows]), events);
            clocks[rows[0].DeviceId] = clocks.TryGetValue(rows[0].DeviceId, out DateTime last) && last > rows[0].Time ? last : rows[0].Time;
        }

        return new SimulatedDoorTraffic
        {
            Truth = truth,
            Events = [.. events.Select(e => new DoorGroundTruth.Entry(e.DeviceId, e.Door, e.Type.ToWireName(), DateTime.UnixEpoch.AddTicks(e.Time * TimeSpan.TicksPerMicrosecond)))],
            Clocks = clocks,
        };
    }
}

using F2.Protocol.Doors;
using F2.Simulator;

namespace F2.Tests.Simulator;

/// <summary>
/// Issue 16 item 5, unit tier: the simulator's door traffic through the door stage's own rules (<c>DoorDeriver</c>, in
/// memory) gives exactly the anomalies of its ground truth; with anomalies off, no door is forced or held open.
/// </summary>
public class DoorAnomalyTests
{
    [Fact]
    public void EveryInjectedAnomalyIsDerivedAtItsDeviceTimeAndNothingElseIs()
    {
        SimulatorOptions options = SimulatedDoorTraffic.WithAnomalies(SimulatorRun.Options(devices: 14), 0.13);
        options.Doors.Idle = TimeSpan.FromSeconds(15);
        SimulatedDoorTraffic run = SimulatedDoorTraffic.Run(options, 200_000, TimeSpan.FromMilliseconds(0.5));

        int compared = run.Truth.AssertMatches(run.Events, run.Clocks);

        Assert.True(compared >= 60, $"only {compared} anomalies compared");
        Assert.All(
            DoorGroundTruth.AnomalyTypes.Append(F2.Simulator.Generation.GroundTruth.QuietExit),
            type => Assert.Contains(run.Truth.Entries, e => e.Type == type));
    }

    [Fact]
    public void WithAnomaliesOffNoDoorIsForcedOrHeldOpen()
    {
        SimulatorOptions options = SimulatedDoorTraffic.WithAnomalies(SimulatorRun.Options(devices: 14), 0);
        options.Doors.Idle = TimeSpan.FromSeconds(15);
        SimulatedDoorTraffic run = SimulatedDoorTraffic.Run(options, 100_000, TimeSpan.FromMilliseconds(0.5));

        Assert.Empty(run.Truth.Entries);
        Assert.Contains(run.Events, e => e.Type == DoorEventType.AccessGranted.ToWireName());
        Assert.DoesNotContain(run.Events, e => e.Type == DoorEventType.DoorForcedOpen.ToWireName() || e.Type == DoorEventType.DoorHeldOpen.ToWireName());
        Assert.DoesNotContain(run.Events, e => DoorGroundTruth.AnomalyTypes.Contains(e.Type));
    }
}

using F2.Protocol;
using F2.Simulator;
using F2.Simulator.Generation;

namespace F2.Tests.Simulator;

public class DoorBehaviourTests
{
    private enum Step
    {
        Scan,
        Press,
        Release,
        Unlock,
        Open,
        Close,
        Relock,
    }

    [Theory]
    [InlineData("F2-212", 1)]
    [InlineData("F2-214", 2)]
    [InlineData("F2-214", 3)]
    public void WithoutAnomaliesADoorGoesFromScanOrExitPressToUnlockOpenCloseAndRelockInThatOrder(string model, int door)
    {
        SimulatorOptions options = SimulatedDoorTraffic.WithAnomalies(SimulatorRun.Options(model, devices: 1), 0);
        Step[] steps = [.. DoorSteps(SimulatorRun.Generate(options, 4000, perMessage: TimeSpan.FromMilliseconds(250)), door).Select(s => s.Step)];

        Assert.True(ContainsRun(steps, [Step.Scan, Step.Unlock, Step.Open, Step.Close, Step.Relock]), string.Join(" ", steps));
        Assert.True(ContainsRun(steps, [Step.Press, Step.Release, Step.Unlock, Step.Open, Step.Close, Step.Relock]), string.Join(" ", steps));
        for (int i = 1; i < steps.Length; i++)
        {
            Step[] allowedBefore = steps[i] switch
            {
                Step.Scan or Step.Press => [Step.Relock],
                Step.Release => [Step.Press],
                Step.Unlock => [Step.Scan, Step.Release],
                Step.Open => [Step.Unlock],
                Step.Close => [Step.Open],
                _ => [Step.Close],
            };
            Assert.True(allowedBefore.Contains(steps[i - 1]), $"{steps[i - 1]} then {steps[i]} at {i}");
        }
    }

    [Theory]
    [InlineData(50)]
    [InlineData(500)]
    public void AReadIsUnlockedWithinAFewHundredMillisecondsAndTheDoorStaysOpenAFewSecondsWhateverTheMessageRate(int millisecondsPerMessage)
    {
        SimulatorOptions options = SimulatedDoorTraffic.WithAnomalies(SimulatorRun.Options("F2-214", devices: 1), 0);
        (Step Step, DateTime Time)[] steps = DoorStepsOver(options, TimeSpan.FromMilliseconds(millisecondsPerMessage), door: 1);
        (Step Step, DateTime Time)[] reference = DoorStepsOver(options, TimeSpan.FromMilliseconds(5), door: 1);

        var scans = steps.Index().Where(s => s.Item.Step == Step.Scan && s.Index + 1 < steps.Length).ToList();
        Assert.True(scans.Count >= 3, $"only {scans.Count} scans");
        Assert.All(scans, s => Assert.InRange(steps[s.Index + 1].Time - s.Item.Time, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400)));
        Assert.All(
            steps.Index().Where(s => s.Item.Step == Step.Open && s.Index + 1 < steps.Length),
            s => Assert.InRange(steps[s.Index + 1].Time - s.Item.Time, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6)));
        Assert.Equal(reference.Take(steps.Length - 6), steps.Take(steps.Length - 6));
    }

    [Fact]
    public void MotionCanSetOffASirenWhichStopsOnlyAfterTheMotionClears()
    {
        SimulatorRun run = SimulatorRun.Generate(SimulatorRun.Options("F2-213", devices: 1), 4000);
        string[] zone = [.. run.Messages
            .Where(m => m.Topic.Contains("/alarm-mode/J3/", StringComparison.Ordinal))
            .Select(m => $"{m.Topic[(m.Topic.LastIndexOf('/') + 1)..]}={run.Decode(m).Rows.Single().Value}")];

        Assert.Contains("siren-1=1", zone);
        for (int i = 1; i < zone.Length; i++)
        {
            string[] allowedBefore = zone[i] switch
            {
                "motion-sensor-1=1" => ["motion-sensor-1=0", "siren-1=0"],
                "siren-1=1" => ["motion-sensor-1=1"],
                "motion-sensor-1=0" => ["motion-sensor-1=1", "siren-1=1"],
                _ => ["motion-sensor-1=0"],
            };
            Assert.True(allowedBefore.Contains(zone[i - 1]), $"{zone[i - 1]} then {zone[i]}");
        }
    }

    /// <summary>What happened at one door and when, read back from the decoded messages (only changes: repeats are left out).</summary>
    private static (Step Step, DateTime Time)[] DoorSteps(SimulatorRun run, int door)
    {
        var steps = new List<(Step, DateTime)>();
        bool open = false;
        bool pressed = false;
        bool unlocked = false;
        foreach (SimulatedMessage message in run.Messages)
        {
            Assert.True(DeviceTopic.TryParse(message.Topic, out DeviceTopic topic));
            List<DecodedRow> rows = run.Decode(message).Rows;
            DecodedRow? pin = rows.Cast<DecodedRow?>().FirstOrDefault(r => r!.Value.PinPosition == door);
            switch (topic.ComponentType)
            {
                case "qr-nfc-reader" when topic.Number == door:
                    steps.Add((Step.Scan, rows[0].Time));
                    break;
                case "strike" when topic.Number == door && (pin!.Value.Value == 1) != unlocked:
                    unlocked = !unlocked;
                    steps.Add((unlocked ? Step.Unlock : Step.Relock, rows[0].Time));
                    break;
                case "door-sensors" when pin is not null && (pin.Value.Value == 1) != open:
                    open = !open;
                    steps.Add((open ? Step.Open : Step.Close, rows[0].Time));
                    break;
                case "exit-buttons" when pin is not null && (pin.Value.Value == 1) != pressed:
                    pressed = !pressed;
                    steps.Add((pressed ? Step.Press : Step.Release, rows[0].Time));
                    break;
            }
        }

        return [.. steps];
    }

    /// <summary>A door's steps over ten minutes of device time, one message of the device every <paramref name="perMessage"/>.</summary>
    private static (Step Step, DateTime Time)[] DoorStepsOver(SimulatorOptions options, TimeSpan perMessage, int door) =>
        DoorSteps(SimulatorRun.Generate(options, (int)(TimeSpan.FromMinutes(10) / perMessage), perMessage: perMessage), door);

    private static bool ContainsRun(Step[] steps, Step[] run) =>
        Enumerable.Range(0, steps.Length - run.Length + 1).Any(i => steps.AsSpan(i, run.Length).SequenceEqual(run));
}

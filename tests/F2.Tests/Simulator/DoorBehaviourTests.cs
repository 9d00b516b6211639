using F2.Protocol;
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
    public void ADoorGoesFromScanToUnlockOpenCloseAndRelockInThatOrder(string model, int door)
    {
        Step[] steps = DoorSteps(SimulatorRun.Generate(SimulatorRun.Options(model, devices: 1), 4000), door);

        Assert.True(ContainsRun(steps, [Step.Scan, Step.Unlock, Step.Open, Step.Close, Step.Relock]), string.Join(" ", steps));
        Assert.True(ContainsRun(steps, [Step.Press, Step.Release, Step.Unlock, Step.Open, Step.Close, Step.Relock]), string.Join(" ", steps));
        for (int i = 1; i < steps.Length; i++)
        {
            Step[] allowedBefore = steps[i] switch
            {
                Step.Scan or Step.Press => [Step.Scan, Step.Relock],
                Step.Release => [Step.Press],
                Step.Unlock => [Step.Scan, Step.Release],
                Step.Open => [Step.Unlock],
                Step.Close => [Step.Open],
                _ => [Step.Close, Step.Unlock],
            };
            Assert.True(allowedBefore.Contains(steps[i - 1]), $"{steps[i - 1]} then {steps[i]} at {i}");
        }
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

    /// <summary>What happened at one door, read back from the decoded messages (pin maps count as changes of its pin).</summary>
    private static Step[] DoorSteps(SimulatorRun run, int door)
    {
        var steps = new List<Step>();
        bool open = false;
        bool pressed = false;
        foreach (SimulatedMessage message in run.Messages)
        {
            Assert.True(DeviceTopic.TryParse(message.Topic, out DeviceTopic topic));
            List<DecodedRow> rows = run.Decode(message).Rows;
            DecodedRow? pin = rows.Cast<DecodedRow?>().FirstOrDefault(r => r!.Value.PinPosition == door);
            switch (topic.ComponentType)
            {
                case "qr-nfc-reader" when topic.Number == door:
                    steps.Add(Step.Scan);
                    break;
                case "strike" when topic.Number == door:
                    steps.Add(pin!.Value.Value == 1 ? Step.Unlock : Step.Relock);
                    break;
                case "door-sensors" when pin is not null && (pin.Value.Value == 1) != open:
                    open = !open;
                    steps.Add(open ? Step.Open : Step.Close);
                    break;
                case "exit-buttons" when pin is not null && (pin.Value.Value == 1) != pressed:
                    pressed = !pressed;
                    steps.Add(pressed ? Step.Press : Step.Release);
                    break;
            }
        }

        return [.. steps];
    }

    private static bool ContainsRun(Step[] steps, Step[] run) =>
        Enumerable.Range(0, steps.Length - run.Length + 1).Any(i => steps.AsSpan(i, run.Length).SequenceEqual(run));
}

using System.Text;
using F2.Protocol;
using F2.Simulator.Behaviour;
using F2.Simulator.Generation;
using F2.Simulator.Models;

namespace F2.Tests.Simulator;

public class GeneratedMessageTests
{
    public static TheoryData<string> ModelNames => [.. DeviceModels.All.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void EveryMessageOfAModelDecodesWithTheParametersTheSimulatorWrites(string model)
    {
        SimulatorRun run = SimulatorRun.Generate(SimulatorRun.Options(model), 3000);

        foreach (SimulatedMessage message in run.Messages)
        {
            (DecodeResult result, List<DecodedRow> rows) = run.Decode(message);

            Assert.True(result.IsSuccess, $"{message.Topic} {Encoding.UTF8.GetString(message.Payload)} -> {result.Reason}");
            Assert.True(DeviceTopic.TryParse(message.Topic, out DeviceTopic topic));
            Component component = ComponentOf(run, topic);
            Assert.Equal(component.Pins, rows.Select(r => r.PinPosition));
        }
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void ARunOfAModelExercisesEveryComponentOfIt(string model)
    {
        SimulatorRun run = SimulatorRun.Generate(SimulatorRun.Options(model, devices: 1), 3000, perMessage: TimeSpan.FromMilliseconds(100));

        SimulatedDevice device = Assert.Single(run.Generator.Devices);
        Assert.Equal(
            device.Topics.Select(t => t.Topic).Order(StringComparer.Ordinal),
            run.Messages.Select(m => m.Topic).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheSameSeedGivesTheSameMessagesAndAnotherSeedOtherDevices()
    {
        SimulatorRun first = SimulatorRun.Generate(SimulatorRun.Options(devices: 20, seed: 7), 5000);
        SimulatorRun second = SimulatorRun.Generate(SimulatorRun.Options(devices: 20, seed: 7), 5000);
        SimulatorRun other = SimulatorRun.Generate(SimulatorRun.Options(devices: 20, seed: 8), 5000);

        Assert.Equal(first.Messages.Select(m => m.Topic), second.Messages.Select(m => m.Topic));
        Assert.Equal(first.Messages.Select(m => Convert.ToHexString(m.Payload)), second.Messages.Select(m => Convert.ToHexString(m.Payload)));
        Assert.Empty(first.Generator.Devices.Select(d => d.DeviceId).Intersect(other.Generator.Devices.Select(d => d.DeviceId)));
    }

    [Fact]
    public void ADeviceNeverStampsTwoMessagesWithTheSameMicrosecondEvenWhenTheClockStandsStill()
    {
        var frozen = new ManualClock();
        SimulatorRun run = SimulatorRun.Generate(SimulatorRun.Options(devices: 2), 2000, frozen);

        foreach (IGrouping<string, DecodedRow> device in run.Messages.SelectMany(m => run.Decode(m).Rows).GroupBy(r => r.DeviceId))
        {
            DateTime[] times = [.. device.Select(r => r.Time).Distinct()];
            Assert.Equal(times.Order(), times);
            Assert.Equal(frozen.GetUtcNow().UtcDateTime, times[0]);
        }
    }

    [Fact]
    public void InjectedFaultsAreRejectedForTheReasonTheyWereMadeAndTheRestStillDecode()
    {
        SimulatorRun run = SimulatorRun.Generate(SimulatorRun.Options(devices: 7, faultFraction: 0.2), 3000);

        foreach (SimulatedMessage message in run.Messages)
        {
            DecodeResult result = run.Decode(message).Result;
            Assert.Equal(message.InjectedFault, result.Reason);
        }

        Assert.Equal(
            [RejectReason.TopicInvalid, RejectReason.PayloadNotJson, RejectReason.ValueInvalid],
            run.Messages.Where(m => m.InjectedFault is not null).Select(m => m.InjectedFault!.Value).Distinct().Order());
    }

    [Fact]
    public void WithoutFaultInjectionNoMessageIsBad()
    {
        SimulatorRun run = SimulatorRun.Generate(SimulatorRun.Options(devices: 7), 2000);

        Assert.All(run.Messages, m => Assert.Null(m.InjectedFault));
    }

    private static Component ComponentOf(SimulatorRun run, DeviceTopic topic) =>
        run.Generator.Devices.Single(d => d.DeviceId == topic.DeviceId).Model.Components
            .Single(c => c.Connector == topic.Connector && c.Kind.WireName() == topic.ComponentType && c.ComponentId == topic.ComponentId);
}

using F2.Simulator.Generation;
using F2.Simulator.Models;

namespace F2.Tests.Simulator;

public class FleetTests
{
    [Fact]
    public void WithoutAMixEveryModelGetsAnEqualShare()
    {
        DeviceModel[] models = ModelMix.Assign(14, new Dictionary<string, double>());

        Assert.All(models.GroupBy(m => m.Name), g => Assert.Equal(2, g.Count()));
        Assert.Equal(DeviceModels.All, models.Take(7));
    }

    [Fact]
    public void AWeightedMixIsFollowedInProportionAndSpreadEvenly()
    {
        DeviceModel[] models = ModelMix.Assign(9, new Dictionary<string, double> { ["f2-212"] = 2, ["F2-401"] = 1 });

        Assert.Equal(
            ["F2-212", "F2-401", "F2-212", "F2-212", "F2-401", "F2-212", "F2-212", "F2-401", "F2-212"],
            models.Select(m => m.Name));
    }

    [Fact]
    public void DeviceIdsAreDistinctLocallyAdministeredMacsThatDependOnlyOnSeedAndIndex()
    {
        string[] ids = [.. Enumerable.Range(0, 100_000).Select(i => MacAddresses.DeviceId(5, i))];

        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids.Take(1000), id => Assert.Matches("^f2-[0-9a-f]{12}$", id));
        Assert.All(ids.Take(1000), id => Assert.Equal(0x02, Convert.ToByte(id[3..5], 16) & 0x03));
        Assert.Equal(ids[123], MacAddresses.DeviceId(5, 123));
        Assert.NotEqual(ids[123], MacAddresses.DeviceId(6, 123));
    }
}

using F2.Protocol;

namespace F2.Tests.Protocol;

public class ParameterSetTests
{
    private static readonly DeviceTopic Strike2 = new(Given.Device, "access-control-mode", "J1", "strike", "2", 2);

    private static readonly DeviceParameter[] AllFourLevels =
    [
        Given.Row("*", "access-control-mode", "strike", "*", EncodingType.Boolean, "any device, any id"),
        Given.Row("*", "access-control-mode", "strike", "2", EncodingType.Boolean, "any device, exact id"),
        Given.Row(Given.Device, "access-control-mode", "strike", "*", EncodingType.Boolean, "exact device, any id"),
        Given.Row(Given.Device, "access-control-mode", "strike", "2", EncodingType.Boolean, "exact device, exact id"),
    ];

    [Theory]
    [InlineData(4, "exact device, exact id")]
    [InlineData(3, "exact device, any id")]
    [InlineData(2, "any device, exact id")]
    [InlineData(1, "any device, any id")]
    public void MostSpecificRowWinsInTheSpecOrder(int rowsPresent, string expectedUnits)
    {
        ParameterSet parameters = ParameterSet.Create(AllFourLevels.Take(rowsPresent));

        Assert.True(parameters.TryResolve(Strike2, out DeviceParameter? parameter));
        Assert.Equal(expectedUnits, parameter.Units);
    }

    [Fact]
    public void PrecedenceDoesNotDependOnTheOrderOfTheRows()
    {
        ParameterSet parameters = ParameterSet.Create(AllFourLevels.Reverse());

        Assert.True(parameters.TryResolve(Strike2, out DeviceParameter? parameter));
        Assert.Equal("exact device, exact id", parameter.Units);
    }

    [Fact]
    public void ExactRowsOfOtherDevicesOrIdsDoNotApply()
    {
        ParameterSet parameters = ParameterSet.Create(
        [
            Given.Row("f2-001122334455", "access-control-mode", "strike", "2", EncodingType.Boolean, "other device"),
            Given.Row(Given.Device, "access-control-mode", "strike", "3", EncodingType.Boolean, "other id"),
            Given.Row(Given.Device, "alarm-mode", "strike", "2", EncodingType.Boolean, "other mode"),
            Given.Row(Given.Device, "access-control-mode", "siren", "2", EncodingType.Boolean, "other type"),
        ]);

        Assert.False(parameters.TryResolve(Strike2, out _));
    }

    [Fact]
    public void WildcardIdAlsoCoversComponentsWithoutANumber()
    {
        ParameterSet parameters = ParameterSet.Create(
            [Given.Row("*", "access-control-mode", "door-sensors", "*", EncodingType.BooleanMap, "state")]);
        var doorSensors = new DeviceTopic(Given.Device, "access-control-mode", "J2", "door-sensors", "N/A", 0);

        Assert.True(parameters.TryResolve(doorSensors, out DeviceParameter? parameter));
        Assert.Equal("state", parameter.Units);
    }

    [Fact]
    public void LaterRowWithTheSameKeyReplacesTheEarlierOneWhateverTheCaseOfTheDeviceId()
    {
        ParameterSet parameters = ParameterSet.Create(
        [
            Given.Row("f2-E4FD45F654BE", "access-control-mode", "strike", "2", EncodingType.Boolean, "first"),
            Given.Row(Given.Device, "access-control-mode", "strike", "2", EncodingType.Boolean, "second"),
        ]);

        Assert.Equal(1, parameters.Count);
        Assert.True(parameters.TryResolve(Strike2, out DeviceParameter? parameter));
        Assert.Equal("second", parameter.Units);
    }

    [Fact]
    public void RowsThatCanNeverApplyAreLeftOutAndCounted()
    {
        ParameterSet parameters = ParameterSet.Create(
        [
            Given.Row("f2-e4fd45f654b", "access-control-mode", "strike", "1", EncodingType.Boolean, "short device id"),
            Given.Row("F2-e4fd45f654be", "access-control-mode", "strike", "1", EncodingType.Boolean, "upper-case prefix"),
            Given.Row(Given.Device, "door-mode", "strike", "1", EncodingType.Boolean, "unknown mode"),
            Given.Row(Given.Device, "access-control-mode", "relay", "1", EncodingType.Boolean, "unknown type"),
            Given.Row(Given.Device, "access-control-mode", "strike", "N/A", EncodingType.Boolean, "numbered type without number"),
            Given.Row(Given.Device, "access-control-mode", "door-sensors", "1", EncodingType.BooleanMap, "number on door-sensors"),
            Given.Row(Given.Device, "access-control-mode", "strike", "01", EncodingType.Boolean, "leading zero"),
            Given.Row(Given.Device, "access-control-mode", "strike", "1", (EncodingType)99, "undefined encoding"),
            Given.Row(Given.Device, "access-control-mode", "strike", "1", EncodingType.Boolean, null!),
            Given.Row(Given.Device, "access-control-mode", "strike", "1", EncodingType.Boolean, "the one good row"),
        ]);

        Assert.Equal(1, parameters.Count);
        Assert.Equal(9, parameters.IgnoredCount);
    }

    [Fact]
    public void ConnectorIsNotPartOfTheKey()
    {
        ParameterSet parameters = ParameterSet.Create(AllFourLevels);

        Assert.True(parameters.TryResolve(Strike2 with { Connector = "J4" }, out DeviceParameter? parameter));
        Assert.Equal("exact device, exact id", parameter.Units);
    }

    [Fact]
    public void EachOfTenThousandDevicesResolvesToItsOwnRowsAndOthersToTheWildcard()
    {
        string[] devices = [.. Enumerable.Range(0, 10_000).Select(i => $"f2-{0xE4FD45000000L + (i * 4099L):x12}")];
        ParameterSet parameters = ParameterSet.Create(
        [
            .. devices.Select(device => Given.Row(device, "access-control-mode", "strike", "2", EncodingType.Boolean, device)),
            Given.Row("*", "access-control-mode", "strike", "*", EncodingType.Boolean, "wildcard"),
        ]);

        Assert.Equal(10_001, parameters.Count);
        Assert.All(devices, device =>
        {
            Assert.True(parameters.TryResolve(Strike2 with { DeviceId = device }, out DeviceParameter? own));
            Assert.Equal(device, own.Units);
            Assert.True(parameters.TryResolve(Strike2 with { DeviceId = device, ComponentId = "3", Number = 3 }, out DeviceParameter? other));
            Assert.Equal("wildcard", other.Units);
        });
        Assert.True(parameters.TryResolve(Strike2 with { DeviceId = "f2-000000000001" }, out DeviceParameter? unknown));
        Assert.Equal("wildcard", unknown.Units);
    }

    [Fact]
    public void EmptySetResolvesNothing()
    {
        Assert.Equal(0, ParameterSet.Empty.Count);
        Assert.False(ParameterSet.Empty.TryResolve(Strike2, out _));
    }

    [Fact]
    public void ResolvingAllocatesNothing()
    {
        ParameterSet parameters = ParameterSet.Create(AllFourLevels.Take(1));
        DeviceTopic topic = Strike2;
        parameters.TryResolve(topic, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            parameters.TryResolve(topic, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

using System.ComponentModel.DataAnnotations;
using F2.Simulator;

namespace F2.Tests.Simulator;

public class SimulatorOptionsTests
{
    [Fact]
    public void DefaultOptionsAreValidAndSendOneMessagePerDevicePerSecond()
    {
        var options = new SimulatorOptions();

        Assert.Empty(Validate(options));
        Assert.Equal(options.Devices, options.TargetRate);
        Assert.Equal(1, options.Qos);
        Assert.Equal(0, options.FaultFraction);
    }

    [Fact]
    public void ARatePerDeviceIsMultipliedByTheDeviceCount()
    {
        Assert.Equal(500, new SimulatorOptions { Devices = 100, RatePerDevice = 5 }.TargetRate);
    }

    [Theory]
    [InlineData("Rate and RatePerDevice")]
    [InlineData("unknown model")]
    [InlineData("no positive weight")]
    [InlineData("negative duration")]
    [InlineData("fault fraction above 1")]
    [InlineData("QoS 3")]
    public void InvalidOptionsAreRejected(string problem)
    {
        var options = new SimulatorOptions();
        switch (problem)
        {
            case "Rate and RatePerDevice":
                (options.Rate, options.RatePerDevice) = (100, 1);
                break;
            case "unknown model":
                options.Models["F2-999"] = 1;
                break;
            case "no positive weight":
                options.Models["F2-212"] = 0;
                break;
            case "negative duration":
                options.Duration = TimeSpan.FromSeconds(-1);
                break;
            case "fault fraction above 1":
                options.FaultFraction = 1.5;
                break;
            default:
                options.Qos = 3;
                break;
        }

        Assert.NotEmpty(Validate(options));
    }

    private static List<ValidationResult> Validate(SimulatorOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}

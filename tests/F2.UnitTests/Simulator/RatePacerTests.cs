using F2.Simulator.Publishing;

namespace F2.Tests.Simulator;

public class RatePacerTests
{
    [Fact]
    public void ThePacerGrantsTheMessagesThatAreDueAndNoMore()
    {
        var clock = new ManualClock();
        var pacer = new RatePacer(1000, clock);

        clock.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(10, pacer.Take(1000));
        clock.Advance(TimeSpan.FromMilliseconds(25));
        Assert.Equal(20, pacer.Take(20));
        Assert.Equal(5, pacer.Take(1000));
        Assert.Equal(0, pacer.Take(1000));
    }

    [Fact]
    public void WithNothingDueThePacerSaysHowLongUntilTheNextMessage()
    {
        var clock = new ManualClock();
        var pacer = new RatePacer(1000, clock);

        clock.Advance(TimeSpan.FromMilliseconds(2.5));
        Assert.Equal(2, pacer.Take(1000));

        Assert.InRange(pacer.UntilNext.TotalMilliseconds, 0.499, 0.501);
        clock.Advance(TimeSpan.FromMilliseconds(0.5));
        Assert.InRange(pacer.UntilNext.TotalMilliseconds, 0, 0.001);
        Assert.Equal(1, pacer.Take(1000));
    }

    [Fact]
    public void AfterAStallThePacerCatchesUpAtMostItsCatchUpWindow()
    {
        var clock = new ManualClock();
        var pacer = new RatePacer(10_000, clock);

        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal((int)(10_000 * RatePacer.MaxCatchUp.TotalSeconds), pacer.Take(int.MaxValue));
    }

    [Fact]
    public void ARateOfZeroIsUnthrottled()
    {
        var pacer = new RatePacer(0, new ManualClock());

        Assert.Equal(256, pacer.Take(256));
        Assert.Equal(TimeSpan.Zero, pacer.UntilNext);
    }
}

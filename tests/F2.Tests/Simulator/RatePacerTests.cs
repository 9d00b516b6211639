using F2.Simulator.Publishing;

namespace F2.Tests.Simulator;

public class RatePacerTests
{
    [Fact]
    public async Task ThePacerGrantsTheMessagesThatAreDueAndNoMore()
    {
        var clock = new ManualClock();
        var pacer = new RatePacer(1000, clock);

        clock.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(10, await pacer.WaitAsync(1000, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        clock.Advance(TimeSpan.FromMilliseconds(25));
        Assert.Equal(20, await pacer.WaitAsync(20, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(5, await pacer.WaitAsync(1000, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task AfterAStallThePacerCatchesUpAtMostItsCatchUpWindow()
    {
        var clock = new ManualClock();
        var pacer = new RatePacer(10_000, clock);

        clock.Advance(TimeSpan.FromSeconds(3));
        int granted = await pacer.WaitAsync(int.MaxValue, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal((int)(10_000 * RatePacer.MaxCatchUp.TotalSeconds), granted);
    }

    [Fact]
    public async Task ARateOfZeroIsUnthrottled()
    {
        var pacer = new RatePacer(0, new ManualClock());

        Assert.Equal(256, await pacer.WaitAsync(256, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
    }
}

namespace F2.Tests;

public class SmokeTests
{
    [Fact]
    public void SolutionBuilds() => Assert.Equal(4, 2 + 2);
}

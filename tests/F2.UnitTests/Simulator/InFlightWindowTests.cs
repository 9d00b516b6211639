using F2.Simulator.Publishing;

namespace F2.Tests.Simulator;

public class InFlightWindowTests
{
    [Fact]
    public void TheWindowTakesPublishesUpToItsSizeAndEachCompletesByItsIdentifier()
    {
        var window = new InFlightWindow(3);

        ushort[] ids = [.. new[] { "a", "b", "c" }.Select(topic => Add(window, topic))];

        Assert.Equal([1, 2, 3], ids);
        Assert.False(window.TryAdd(new("d", null), out _));
        Assert.True(window.TryComplete(2, out PendingPublish completed));
        Assert.Equal("b", completed.Topic);
        Assert.False(window.TryComplete(2, out _));
        Assert.Equal(2, window.Count);
        Assert.Equal(4, Add(window, "d"));
    }

    [Fact]
    public void IdentifiersCycleAndSkipThoseStillInFlight()
    {
        var window = new InFlightWindow(8);
        ushort stuck = Add(window, "stuck");
        for (int i = 0; i < 40; i++)
        {
            ushort id = Add(window, "t" + i);
            Assert.NotEqual(stuck, id);
            Assert.InRange(id, 1, 16);
            Assert.True(window.TryComplete(id, out _));
        }

        Assert.True(window.TryComplete(stuck, out PendingPublish publish));
        Assert.Equal("stuck", publish.Topic);
    }

    [Fact]
    public void ClosingRemovesEveryPublishInFlightAndRefusesNewOnes()
    {
        var window = new InFlightWindow(4);
        Add(window, "a");
        Add(window, "b");

        List<PendingPublish> removed = window.Close();

        Assert.Equal(["a", "b"], removed.Select(p => p.Topic));
        Assert.Equal(0, window.Count);
        Assert.False(window.TryAdd(new("c", null), out _));
        Assert.False(window.TryComplete(1, out _));
    }

    private static ushort Add(InFlightWindow window, string topic)
    {
        Assert.True(window.TryAdd(new(topic, null), out ushort id));
        return id;
    }
}

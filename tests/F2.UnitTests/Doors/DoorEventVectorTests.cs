using F2.Doors.Derivation;

namespace F2.Tests.Doors;

/// <summary>
/// Every door-events vector (<c>../shared/vectors/door-events</c> and <c>$F2_EXTRA_DOOR_VECTORS</c>) as its own case,
/// run through the pure derivation with the wall-clock fallback off, as spec section 4.6 asks for conformance.
/// </summary>
public class DoorEventVectorTests
{
    public static TheoryData<DoorEventVector> Vectors() => [.. DoorEventVector.All()];

    [Fact]
    public void TheDoorVectorFoldersExistAndHoldVectors()
    {
        foreach (string folder in DoorEventVector.Folders())
        {
            Assert.True(Directory.Exists(folder), $"door vectors folder {folder} is missing");
            Assert.NotEmpty(Directory.GetFiles(folder, "*.jsonl"));
        }

        Assert.NotEmpty(DoorEventVector.All());
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void VectorDerivesExactlyTheSpecifiedEvents(DoorEventVector vector)
    {
        var deriver = new DoorDeriver(vector.Settings);
        var events = new List<DoorEvent>();
        foreach (F2.Protocol.DecodedMessage message in vector.DecodedMessages())
        {
            deriver.Process(message, events);
        }

        Assert.Equal(vector.ExpectedEvents, DoorEventVector.RenderInOrder(events));
        Assert.Equal(vector.ExpectedCounter("late"), deriver.Counts.Late);
        Assert.Equal(vector.ExpectedCounter("duplicate"), deriver.Counts.Duplicate);
        Assert.Equal(vector.ExpectedCounter("ignored"), deriver.Counts.Ignored);
    }
}

using F2.Protocol;

namespace F2.Tests.EndToEnd;

public sealed class CompatibleVectorsTests
{
    [Fact]
    public void TheVectorsThatRunTogetherCoverEveryReasonAndEveryEncoding()
    {
        var compatible = CompatibleVectors.Load();

        var reasons = compatible.Vectors.Select(vector => vector.ExpectedError).OfType<string>().ToHashSet();
        var encodings = compatible.Parameters.Select(row => row.Encoding).ToHashSet();
        Assert.Superset(RejectReasonNames.All.Where(reason => reason != RejectReason.PayloadTooLarge).Select(reason => reason.ToWireName()).ToHashSet(), reasons);
        Assert.Superset(Enum.GetValues<EncodingType>().ToHashSet(), encodings);
        Assert.True(compatible.Vectors.Count(vector => vector.ExpectedError is null) >= 20, "too few decodable vectors run together");
    }
}

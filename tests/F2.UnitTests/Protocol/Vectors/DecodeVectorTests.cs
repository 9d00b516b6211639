using F2.Protocol;

namespace F2.Tests.Protocol.Vectors;

/// <summary>Every vector of every <c>*.jsonl</c> in the shared vectors folder (and <c>F2_EXTRA_VECTORS</c>) as its own case.</summary>
public class DecodeVectorTests
{
    public static TheoryData<DecodeVector> Vectors()
    {
        var data = new TheoryData<DecodeVector>();
        foreach (DecodeVector vector in DecodeVector.All())
        {
            data.Add(vector);
        }

        return data;
    }

    [Fact]
    public void TheVectorFoldersExistAndHoldVectors()
    {
        Assert.True(Directory.Exists(VectorFolders.Shared), $"vectors folder {VectorFolders.Shared} is missing");
        Assert.NotEmpty(Directory.GetFiles(VectorFolders.Shared, "*.jsonl"));
        if (VectorFolders.Extra is { } extra)
        {
            Assert.True(Directory.Exists(extra), $"{VectorFolders.ExtraVariable} names {extra}, which is missing");
            Assert.NotEmpty(Directory.GetFiles(extra, "*.jsonl"));
        }

        Assert.NotEmpty((System.Collections.IEnumerable)Vectors());
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void VectorDecodesAsSpecified(DecodeVector vector)
    {
        byte[] payload = vector.Payload;
        var rows = new List<DecodedRow>();

        DecodeResult result = MessageDecoder.Decode(
            vector.Topic, payload, ParameterSet.Create(vector.Parameters), rows, vector.MaxPayloadBytes);

        if (vector.ExpectedError is { } error)
        {
            Assert.Equal(error, result.Reason?.ToWireName());
            Assert.Empty(rows);
        }
        else
        {
            Assert.True(result.IsSuccess, $"{vector.Where}: rejected as {result.Reason?.ToWireName()}");
            Assert.Equal(vector.ExpectedRows.Count, rows.Count);
            for (int i = 0; i < rows.Count; i++)
            {
                VectorJson.AssertRow(vector.ExpectedRows[i], rows[i], $"{vector.Where} row {i}");
            }
        }

        AssertEnvelopeAgrees(vector, payload.Length, result);
    }

    /// <summary>The Ingest check gives the same answer as the decoder for the two reasons it owns, and passes the rest.</summary>
    private static void AssertEnvelopeAgrees(DecodeVector vector, int payloadLength, DecodeResult result)
    {
        RejectReason? envelope = MessageDecoder.CheckEnvelope(vector.Topic, payloadLength, vector.MaxPayloadBytes, out DeviceTopic address);
        RejectReason? expected = result.Reason is RejectReason.PayloadTooLarge or RejectReason.TopicInvalid ? result.Reason : null;
        Assert.Equal(expected, envelope);
        if (envelope is null)
        {
            Assert.StartsWith("f2-", address.DeviceId, StringComparison.Ordinal);
        }
    }
}

using F2.Protocol;
using F2.Protocol.Privacy;
using F2.Tests.Protocol.Vectors;

namespace F2.Tests.Privacy;

/// <summary>Unit tier of <c>../shared/spec/f2-privacy.md</c>: every reader-privacy vector, as a key alone and as a decoded reader message.</summary>
public sealed class ReaderPrivacyVectorTests
{
    private const string ReaderTopic = "cmnd/f2-e4fd45f654be/access-control-mode/J3/reader-1";

    public static TheoryData<PrivacyVector> Vectors() => PrivacyVector.All();

    [Fact]
    public void TheReaderPrivacyFoldersExistAndHoldVectors()
    {
        string shared = Path.Combine(VectorFolders.Shared, VectorFolders.PrivacyFolder);
        Assert.NotEmpty(Directory.GetFiles(shared, "*.jsonl"));
        if (VectorFolders.PrivacyExtra is { } extra)
        {
            Assert.True(Directory.Exists(extra), $"{VectorFolders.PrivacyExtraVariable} names {extra}, which is missing");
            Assert.NotEmpty(Directory.GetFiles(extra, "*.jsonl"));
        }

        Assert.NotEmpty((System.Collections.IEnumerable)Vectors());
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void TheKeyGivesTheVectorsStoredForm(PrivacyVector vector)
    {
        Assert.Equal(vector.Stored, vector.Key.StoredForm(vector.Text));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void AReaderMessageIsDecodedIntoTheVectorsStoredForm(PrivacyVector vector)
    {
        var parameters = ParameterSet.Create([new DeviceParameter("*", "access-control-mode", "qr-nfc-reader", "*", EncodingType.RawString, "text")]);
        var rows = new List<DecodedRow>();

        var result = MessageDecoder.Decode(ReaderTopic, vector.ReaderPayload("2026-12-03 09:00:00"), parameters, rows);
        ReaderPrivacy.Hmac(vector.Key).Protect(rows);

        Assert.True(result.IsSuccess, $"{vector.Where}: rejected as {result.Reason?.ToWireName()}");
        Assert.Equal(vector.Stored, Assert.Single(rows).ValueText);
    }

    [Fact]
    public void PlainLeavesReaderTextsAsDecodedAndHmacTouchesOnlyReaderRows()
    {
        var key = ReaderKey.FromBytes(new byte[ReaderKey.MinimumBytes]);
        var time = new DateTime(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc);
        DecodedRow reader = new(time, "f2-e4fd45f654be", "access-control-mode", "J3", "qr-nfc-reader", "1", 1, null, "04F38E7F024BB6", "text");
        DecodedRow sensor = new(time, "f2-e4fd45f654be", "sensor-mode", "J3", "RS485-sensor", "1", 1, null, "04F38E7F024BB6", "text");
        List<DecodedRow> plain = [reader, sensor];
        List<DecodedRow> hashed = [reader, sensor];

        ReaderPrivacy.Plain.Protect(plain);
        ReaderPrivacy.Hmac(key).Protect(hashed);

        Assert.Equal([reader, sensor], plain);
        Assert.Equal([reader with { ValueText = key.StoredForm("04F38E7F024BB6") }, sensor], hashed);
        Assert.StartsWith($"hmac-sha256:{key.Id}:", hashed[0].ValueText, StringComparison.Ordinal);
        Assert.Equal(ReaderKey.StoredFormLength, hashed[0].ValueText!.Length);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("not base64!", "is not base64")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGx4=", "has 29 bytes")]
    public void AKeyThatIsMissingNotBase64OrShorterThan32BytesIsRefusedWithTheReason(string base64, string reason)
    {
        Assert.False(ReaderKey.TryParse(base64, out _, out string? problem));
        Assert.StartsWith(reason, problem, StringComparison.Ordinal);
    }
}

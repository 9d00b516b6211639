using System.Text.RegularExpressions;
using F2.Integrations.DeviceParameters;
using F2.Protocol;
using F2.Protocol.Topics;

namespace F2.Tests.Protocol;

/// <summary>The domain vocabulary lives in F2.Protocol; the SQL CHECK lists of <c>device_parameters</c> say the same.</summary>
public sealed partial class VocabularyTests
{
    [Fact]
    public void TheConnectorModeCheckListsExactlyTheProtocolsConnectorModes()
        => Assert.Equal(ConnectorModes.All, CheckList("connector_mode"));

    [Fact]
    public void TheComponentTypeCheckListsExactlyTheProtocolsComponentTypes()
        => Assert.Equal(ComponentTypes.All, CheckList("component_type"));

    [Fact]
    public void TheEncodingTypeCheckListsExactlyTheProtocolsEncodingNames()
        => Assert.Equal(EncodingTypeNames.All, CheckList("encoding_type"));

    [Fact]
    public void TheComponentIdCheckCallsExactlyTheComponentKindsWithoutANumberPinMaps()
    {
        string check = Constraint("component_id");
        string[] unnumbered = [.. Enum.GetValues<ComponentKind>().Where(k => !k.HasNumber()).Select(k => k.WireName())];
        foreach (Match list in InList().Matches(check))
        {
            Assert.Equal(unnumbered, Quoted(list.Groups["items"].Value));
        }

        Assert.Equal(2, InList().Matches(check).Count);
    }

    [Fact]
    public void EveryComponentKindHasAWireNameAndATopicToken()
    {
        foreach (ComponentKind kind in Enum.GetValues<ComponentKind>())
        {
            Assert.True(ComponentTypes.TryParse(kind.WireName(), out ComponentKind parsed));
            Assert.Equal(kind, parsed);
            string token = kind.TopicToken(7);
            Assert.Equal(kind.HasNumber(), token.EndsWith("-7", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("f2-e4fd45f654be", true)]
    [InlineData("f2-E4FD45F654BE", false)]
    [InlineData("f2-e4fd45f654b", false)]
    [InlineData("F2-e4fd45f654be", false)]
    [InlineData("f2-e4fd45f654bg", false)]
    public void ADeviceIdIsCanonicalOnlyAsF2AndTwelveLowerCaseHexDigits(string deviceId, bool canonical)
        => Assert.Equal(canonical, DeviceIdSyntax.IsCanonical(deviceId));

    [Theory]
    [InlineData("1", true)]
    [InlineData("99", true)]
    [InlineData("0", false)]
    [InlineData("01", false)]
    [InlineData("100", false)]
    [InlineData("+1", false)]
    [InlineData("N/A", false)]
    public void AComponentNumberIsOneToNinetyNineWithoutALeadingZero(string id, bool number)
        => Assert.Equal(number, ComponentIds.IsNumber(id));

    private static string[] CheckList(string column)
    {
        Match list = InList().Match(Constraint(column));
        Assert.True(list.Success, $"no IN list in the CHECK of {column}");
        return Quoted(list.Groups["items"].Value);
    }

    private static string Constraint(string column)
    {
        Match check = Regex.Match(
            DeviceParameterSchema.Ddl,
            $@"CONSTRAINT device_parameters_{column}_check\s+CHECK\s*\((?<body>.*?)\)(,|\);)\s*(CONSTRAINT|$)",
            RegexOptions.Singleline | RegexOptions.Multiline);
        Assert.True(check.Success, $"no CHECK constraint for {column}");
        return check.Groups["body"].Value;
    }

    private static string[] Quoted(string items) => [.. QuotedItem().Matches(items).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"IN\s*\((?<items>'[^)]*')\)")]
    private static partial Regex InList();

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex QuotedItem();
}

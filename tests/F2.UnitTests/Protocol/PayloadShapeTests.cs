using System.Text;
using F2.Protocol;

namespace F2.Tests.Protocol;

/// <summary>What counts as a JSON object payload (spec section 2).</summary>
public class PayloadShapeTests
{
    private static readonly ParameterSet Strike = Given.Parameters("access-control-mode", "strike", "1", EncodingType.Boolean);

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("null")]
    [InlineData("\"{}\"")]
    [InlineData("42")]
    [InlineData("{\"timestamp\": \"2023-05-26 18:34:04\", \"status\": true")]
    [InlineData("{\"timestamp\": \"2023-05-26 18:34:04\", \"status\": true}}")]
    [InlineData("{\"timestamp\": \"2023-05-26 18:34:04\", \"status\": true} x")]
    [InlineData("{\"timestamp\": \"2023-05-26 18:34:04\", \"status\": true}{}")]
    [InlineData("{\"timestamp\": \"2023-05-26 18:34:04\", \"status\": true,}")]
    [InlineData("{\"timestamp\": \"2023-05-26 18:34:04\", /* c */ \"status\": true}")]
    [InlineData("{'timestamp': '2023-05-26 18:34:04', 'status': true}")]
    [InlineData("{\"timestamp\": \"2023-05-26 18:34:04\", \"status\": True}")]
    [InlineData("{\"timestamp\": \"2023-05-26 18:34:04\", \"status\": NaN}")]
    [InlineData("{\"timestamp\": \"2023-05-26\t18:34:04\", \"status\": true}")]
    public void AnythingButOneJsonObjectIsPayloadNotJson(string payload)
    {
        var (result, _) = Given.Decode(Given.StrikeTopic, payload, Strike);

        Assert.Equal(RejectReason.PayloadNotJson, result.Reason);
    }

    [Fact]
    public void InvalidUtf8AnywhereIsPayloadNotJsonEvenInAnIgnoredField()
    {
        byte[] payload = [.. Encoding.UTF8.GetBytes(Given.Payload("\"status\": true, \"fw\": \"")), 0xC3, 0x28, .. "\"}"u8];

        var (result, _) = Given.Decode(Given.StrikeTopic, payload, Strike);

        Assert.Equal(RejectReason.PayloadNotJson, result.Reason);
    }

    [Fact]
    public void ByteOrderMarkIsPayloadNotJson()
    {
        byte[] payload = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Given.Payload("\"status\": true"))];

        var (result, _) = Given.Decode(Given.StrikeTopic, payload, Strike);

        Assert.Equal(RejectReason.PayloadNotJson, result.Reason);
    }

    [Fact]
    public void WhitespaceAroundTheObjectIsAllowed()
    {
        var (result, _) = Given.Decode(Given.StrikeTopic, " \r\n\t" + Given.Payload("\"status\": true") + "\n ", Strike);

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void DeeplyNestedIgnoredFieldsAreSkipped()
    {
        string nested = new string('[', 500) + new string(']', 500);

        var (result, _) = Given.Decode(Given.StrikeTopic, Given.Payload($"\"extra\": {nested}, \"status\": true"), Strike);

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void UnknownFieldsOfAnyTypeAreIgnored()
    {
        string members = "\"rssi\": -61, \"fw\": \"2.4.1\", \"cfg\": {\"a\": [1, 2.5e10, null, false]}, \"big\": 1e999, \"status\": true";

        var (result, rows) = Given.Decode(Given.StrikeTopic, Given.Payload(members), Strike);

        Assert.True(result.IsSuccess);
        Assert.Equal(1, Assert.Single(rows).Value);
    }
}

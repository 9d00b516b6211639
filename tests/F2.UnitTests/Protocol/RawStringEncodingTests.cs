using System.Text.Json;
using F2.Protocol;

namespace F2.Tests.Protocol;

/// <summary>The data strings below are the JSON string values (as after JSON decoding), written as C# verbatim strings.</summary>
public class RawStringEncodingTests
{
    private const string ReaderTopic = "cmnd/f2-e4fd45f654be/access-control-mode/J3/reader-1";
    private static readonly ParameterSet Reader = Given.Parameters("access-control-mode", "qr-nfc-reader", "1", EncodingType.RawString);

    [Theory]
    [InlineData(@"CARD-0042", "CARD-0042")]
    [InlineData(@"b'CARD-0042'", "CARD-0042")]
    [InlineData(@"b""CARD-0042""", "CARD-0042")]
    [InlineData(@"b''", "")]
    [InlineData(@"b'a\\b'", @"a\b")]
    [InlineData(@"b'it\'s'", "it's")]
    [InlineData(@"b""say \""hi\""""", "say \"hi\"")]
    [InlineData(@"b'\""quoted\""'", "quoted")]
    [InlineData(@"b'line\nnext\r\tend'", "line\nnext\r\tend")]
    [InlineData(@"b'\x41\x42\x43'", "ABC")]
    [InlineData(@"b'caf\xc3\xa9'", "café")]
    [InlineData(@"b'caf\xC3\xA9'", "café")]
    [InlineData(@"b'café'", "café")]
    [InlineData(@"b'\x00'", "\0")]
    public void BytesLiteralEscapesAreUndoneAndTheBytesReadAsUtf8(string data, string expected)
    {
        Assert.Equal(expected, DecodeText(data));
    }

    [Theory]
    [InlineData(@"b'\q'")]
    [InlineData(@"b'\0'")]
    [InlineData(@"b'\u00e9'")]
    [InlineData(@"b'abc\'")]
    [InlineData(@"b'\x4'")]
    [InlineData(@"b'\xZZ'")]
    [InlineData(@"b'\xff\xfe'")]
    [InlineData(@"b'\xc3'")]
    [InlineData(@"b'\xed\xa0\x80'")]
    [InlineData(@"b'\xc0\xaf'")]
    public void BadEscapesOrBytesThatAreNotUtf8AreValueInvalid(string data)
    {
        var (result, _) = Given.Decode(ReaderTopic, Given.Payload($"\"data\": {JsonSerializer.Serialize(data)}"), Reader);

        Assert.Equal(RejectReason.ValueInvalid, result.Reason);
    }

    [Theory]
    [InlineData(@"b'abc""", @"b'abc""")]
    [InlineData(@"b'", @"b'")]
    [InlineData(@"B'abc'", @"B'abc'")]
    [InlineData(@"b 'abc'", @"b 'abc'")]
    [InlineData(@"\x41", @"\x41")]
    public void TextThatIsNotABytesLiteralIsKeptAsItIs(string data, string expected)
    {
        Assert.Equal(expected, DecodeText(data));
    }

    [Theory]
    [InlineData(@"""Hello World""", "Hello World")]
    [InlineData(@"""a\nb\u00e9""", "a\nbé")]
    [InlineData(@"""""", "")]
    [InlineData(@"""a"" ""b""", @"""a"" ""b""")]
    [InlineData(@"""a""b""", @"""a""b""")]
    [InlineData(@"""\q""", @"""\q""")]
    [InlineData(@"""\ud800""", @"""\ud800""")]
    [InlineData(@"""", @"""")]
    public void TextThatIsAQuotedJsonStringIsUnwrappedOtherwiseKept(string data, string expected)
    {
        Assert.Equal(expected, DecodeText(data));
    }

    [Fact]
    public void LongTextsAndLongEscapedTextsAreKeptWhole()
    {
        string plain = new('x', 5000);
        string escaped = "b'" + string.Concat(Enumerable.Repeat(@"\x41", 2000)) + "'";

        Assert.Equal(plain, DecodeText(plain));
        Assert.Equal(new string('A', 2000), DecodeText(escaped));
        Assert.Equal(new string('é', 3000), DecodeText(new string('é', 3000)));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("[\"CARD\"]")]
    [InlineData("{\"card\": \"CARD\"}")]
    [InlineData("\"CARD\\ud800\"")]
    public void DataThatIsNotAStringOfTextIsValueInvalid(string dataJson)
    {
        var (result, _) = Given.Decode(ReaderTopic, Given.Payload($"\"data\": {dataJson}"), Reader);

        Assert.Equal(RejectReason.ValueInvalid, result.Reason);
    }

    private static string? DecodeText(string data)
    {
        var (result, rows) = Given.Decode(ReaderTopic, Given.Payload($"\"data\": {JsonSerializer.Serialize(data)}"), Reader);
        Assert.True(result.IsSuccess, result.Reason?.ToWireName());
        DecodedRow row = Assert.Single(rows);
        Assert.Null(row.Value);
        return row.ValueText;
    }
}

using System.Text;
using System.Text.Json;
using F2.Simulator.Payloads;

namespace F2.Tests.Simulator;

public class PayloadWriterTests
{
    private static readonly DateTime Time = new(2025, 3, 14, 9, 26, 53, 105, DateTimeKind.Utc);

    [Fact]
    public void APlainDataStringIsWrittenAsIs()
    {
        Assert.Equal(
            "{\"timestamp\": \"2025-03-14 09:26:53.105000\", \"data\": \"04BC07AAEE6E09\"}",
            Encoding.UTF8.GetString(DevicePayloads.Data(Time, "04BC07AAEE6E09")));
    }

    [Fact]
    public void QuotesBackslashesAndControlCharactersAreEscapedAndTheRestIsUtf8()
    {
        const string data = "b'\"x\\y'\u0001\u001f é 😀";

        byte[] payload = DevicePayloads.Data(Time, data);

        Assert.Contains("\"data\": \"b'\\\"x\\\\y'\\u0001\\u001f é 😀\"", Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
        using JsonDocument parsed = JsonDocument.Parse(payload);
        Assert.Equal(data, parsed.RootElement.GetProperty("data").GetString());
    }
}

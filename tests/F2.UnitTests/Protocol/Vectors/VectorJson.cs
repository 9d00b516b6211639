using System.Globalization;
using System.Text.Json;
using F2.Protocol;
using F2.Protocol.Privacy;

namespace F2.Tests.Protocol.Vectors;

/// <summary>Reads the parts of a vector and compares decoded rows with expected ones (spec section 7).</summary>
internal static class VectorJson
{
    private const double RelativeTolerance = 1e-9;

    /// <summary>A <c>params</c> row; absent columns take their defaults, an unknown encoding stays undefined.</summary>
    public static DeviceParameter ReadParameter(JsonElement row)
    {
        EncodingTypeNames.TryParse(Text(row, "encoding_type"), out EncodingType encoding);
        return new DeviceParameter(
            Text(row, "device_id")!,
            Text(row, "connector_mode")!,
            Text(row, "component_type")!,
            Text(row, "component_id")!,
            encoding,
            Text(row, "units")!,
            row.TryGetProperty("scaling_factor", out JsonElement scaling) ? scaling.GetDouble() : 1.0,
            row.TryGetProperty("value_offset", out JsonElement offset) ? offset.GetDouble() : 0.0,
            row.TryGetProperty("is_signed", out JsonElement signed) && signed.GetBoolean());
    }

    /// <summary>
    /// Asserts that <paramref name="actual"/> carries every field of <paramref name="expected"/>; with
    /// <paramref name="readerKey"/>, a reader text in its stored form under that key (what the Decoder emits).
    /// </summary>
    public static void AssertRow(JsonElement expected, DecodedRow actual, string where, ReaderKey? readerKey = null)
    {
        Assert.Equal(DateTimeKind.Utc, actual.Time.Kind);
        Assert.Equal(Text(expected, "time"), actual.Time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Assert.Equal(Text(expected, "device_id"), actual.DeviceId);
        Assert.Equal(Text(expected, "connector_mode"), actual.ConnectorMode);
        Assert.Equal(Text(expected, "connector"), actual.Connector);
        Assert.Equal(Text(expected, "component_type"), actual.ComponentType);
        Assert.Equal(Text(expected, "component_id"), actual.ComponentId);
        Assert.Equal(expected.GetProperty("pin_position").GetInt32(), actual.PinPosition);
        Assert.Equal(Text(expected, "unit"), actual.Unit);
        string? text = Text(expected, "value_text");
        bool stored = readerKey is not null && text is not null && ReaderPrivacy.IsReaderText(actual);
        Assert.Equal(stored ? readerKey!.StoredForm(text!) : text, actual.ValueText);
        JsonElement value = expected.GetProperty("value");
        if (value.ValueKind == JsonValueKind.Null)
        {
            Assert.Null(actual.Value);
            return;
        }

        Assert.NotNull(actual.Value);
        double want = value.GetDouble();
        double got = actual.Value.Value;
        Assert.True(
            Math.Abs(got - want) <= RelativeTolerance * Math.Max(Math.Abs(got), Math.Abs(want)),
            $"{where}: value {got:R} is not {want:R} within a relative 1e-9");
    }

    private static string? Text(JsonElement row, string name) =>
        row.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

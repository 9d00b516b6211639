using System.Text.Json;

namespace F2.Protocol.Json;

/// <summary>The property names of a <c>decoded_iot_data</c> record (spec section 5 plus where the record came from).</summary>
internal static class JsonNames
{
    public static readonly JsonEncodedText Topic = JsonEncodedText.Encode("topic");
    public static readonly JsonEncodedText ReceivedAt = JsonEncodedText.Encode("received_at");
    public static readonly JsonEncodedText SourcePartition = JsonEncodedText.Encode("source_partition");
    public static readonly JsonEncodedText SourceOffset = JsonEncodedText.Encode("source_offset");
    public static readonly JsonEncodedText Rows = JsonEncodedText.Encode("rows");
    public static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    public static readonly JsonEncodedText DeviceId = JsonEncodedText.Encode("device_id");
    public static readonly JsonEncodedText ConnectorMode = JsonEncodedText.Encode("connector_mode");
    public static readonly JsonEncodedText Connector = JsonEncodedText.Encode("connector");
    public static readonly JsonEncodedText ComponentType = JsonEncodedText.Encode("component_type");
    public static readonly JsonEncodedText ComponentId = JsonEncodedText.Encode("component_id");
    public static readonly JsonEncodedText PinPosition = JsonEncodedText.Encode("pin_position");
    public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    public static readonly JsonEncodedText ValueText = JsonEncodedText.Encode("value_text");
    public static readonly JsonEncodedText Unit = JsonEncodedText.Encode("unit");

    public static bool Is(ref Utf8JsonReader reader, JsonEncodedText name) => reader.ValueTextEquals(name.EncodedUtf8Bytes);
}

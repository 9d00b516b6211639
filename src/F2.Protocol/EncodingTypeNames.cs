namespace F2.Protocol;

/// <summary>The wire names of <see cref="EncodingType"/> as stored in <c>device_parameters.encoding_type</c>.</summary>
public static class EncodingTypeNames
{
    private static readonly string[] Names = ["", "boolean", "boolean_map", "hex_to_float", "ieee754_float32", "raw_string"];

    /// <summary>Every encoding's wire name, in the order of <see cref="EncodingType"/>.</summary>
    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly(Names[1..]);

    public static string ToWireName(this EncodingType encoding) => Names[(int)encoding];

    public static bool TryParse(string? wireName, out EncodingType encoding)
    {
        int index = Array.IndexOf(Names, wireName);
        encoding = index > 0 ? (EncodingType)index : default;
        return index > 0;
    }
}

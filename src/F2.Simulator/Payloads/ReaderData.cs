namespace F2.Simulator.Payloads;

/// <summary>How a reader's firmware writes what it read into <c>data</c>.</summary>
internal enum ReaderFormat
{
    /// <summary>The Python repr of the bytes of a JSON string, as in the seed: <c>b'"04A1B2C3D4E5F6"'</c>.</summary>
    BytesLiteral,

    /// <summary>The text itself: <c>04A1B2C3D4E5F6</c>.</summary>
    PlainText,
}

/// <summary>Formats a card id or QR code as a reader's <c>data</c> value (before JSON escaping).</summary>
internal static class ReaderData
{
    public static string Format(string text, ReaderFormat format) =>
        format == ReaderFormat.BytesLiteral ? $"b'\"{text}\"'" : text;
}

using F2.Protocol.Text;

namespace F2.Protocol.Decoding;

/// <summary>
/// A Python bytes literal as firmware writes <c>repr(bytes)</c>: <c>b'...'</c> or <c>b"..."</c>, with the escapes
/// <c>\\</c>, <c>\'</c>, <c>\"</c>, <c>\n</c>, <c>\r</c>, <c>\t</c> and <c>\xHH</c> (spec section 4).
/// </summary>
internal static class PythonBytesLiteral
{
    /// <summary>Starts with <c>b</c> and a quote, and ends with the same quote.</summary>
    public static bool IsLiteral(ReadOnlySpan<byte> text) =>
        text.Length >= 3 && text[0] == 'b' && (text[1] is (byte)'\'' or (byte)'"') && text[^1] == text[1];

    /// <summary>The literal without <c>b</c> and its quotes.</summary>
    public static ReadOnlySpan<byte> Body(ReadOnlySpan<byte> literal) => literal[2..^1];

    /// <summary>
    /// Undoes the escapes of <paramref name="body"/> into <paramref name="destination"/>. The output is never longer
    /// than the input and never ahead of it, so the two may be the same memory (body starting at or after
    /// destination). False for any other backslash sequence or a lone trailing backslash.
    /// </summary>
    public static bool TryUnescape(ReadOnlySpan<byte> body, Span<byte> destination, out int written)
    {
        written = 0;
        int j = 0;
        for (int i = 0; i < body.Length; i++)
        {
            byte c = body[i];
            if (c == '\\')
            {
                if (++i == body.Length || !TryEscape(body, ref i, out c))
                {
                    return false;
                }
            }

            destination[j++] = c;
        }

        written = j;
        return true;
    }

    /// <summary>Reads the escape whose letter is at <paramref name="i"/>, leaving <paramref name="i"/> on its last byte.</summary>
    private static bool TryEscape(ReadOnlySpan<byte> body, ref int i, out byte value)
    {
        value = body[i] switch
        {
            (byte)'\\' => (byte)'\\',
            (byte)'\'' => (byte)'\'',
            (byte)'"' => (byte)'"',
            (byte)'n' => (byte)'\n',
            (byte)'r' => (byte)'\r',
            (byte)'t' => (byte)'\t',
            _ => 0,
        };
        if (body[i] != 'x')
        {
            return value != 0;
        }

        int high = i + 2 < body.Length ? AsciiDigits.HexValue(body[i + 1]) : -1;
        int low = high >= 0 ? AsciiDigits.HexValue(body[i + 2]) : -1;
        if (low < 0)
        {
            return false;
        }

        value = (byte)((high << 4) | low);
        i += 2;
        return true;
    }
}

using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace F2.Protocol.Decoding;

/// <summary>
/// <c>raw_string</c> text (spec section 4): a Python bytes literal is unescaped and read as UTF-8, otherwise the string
/// is taken as it is; then text that is itself a quoted JSON string is replaced by that string.
/// </summary>
internal static class RawStringValue
{
    private const int StackBytes = 256;

    public static bool TryRead(ReadOnlySpan<byte> payload, in JsonField field, [NotNullWhen(true)] out string? text)
    {
        text = null;
        if (field.Type != JsonTokenType.String)
        {
            return false;
        }

        ReadOnlySpan<byte> raw = field.RawText(payload);
        byte[]? rented = raw.Length > StackBytes ? ArrayPool<byte>.Shared.Rent(raw.Length) : null;
        try
        {
            Span<byte> buffer = rented is null ? stackalloc byte[StackBytes] : rented;
            scoped ReadOnlySpan<byte> utf8 = raw;
            if (field.IsEscaped)
            {
                if (!JsonText.TryUnescape(field.Token(payload), buffer, out int unescaped))
                {
                    return false;
                }

                utf8 = buffer[..unescaped];
            }

            if (PythonBytesLiteral.IsLiteral(utf8))
            {
                // In place when utf8 is already in buffer: the body starts 2 bytes after the output.
                if (!PythonBytesLiteral.TryUnescape(PythonBytesLiteral.Body(utf8), buffer, out int written)
                    || !Utf8.IsValid(buffer[..written]))
                {
                    return false;
                }

                utf8 = buffer[..written];
            }

            text = UnwrapJsonString(utf8) ?? Encoding.UTF8.GetString(utf8);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The string a quoted JSON string stands for, or null when the text is not exactly one.</summary>
    private static string? UnwrapJsonString(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length < 2 || utf8[0] != '"' || utf8[^1] != '"')
        {
            return null;
        }

        var reader = new Utf8JsonReader(utf8);
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.String && reader.GetString() is { } value && !reader.Read()
                ? value
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate: not a string UTF-8 can carry, so the text stays as it is.
            return null;
        }
    }
}

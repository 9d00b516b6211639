using System.Buffers;
using System.Text;
using F2.Protocol;

namespace F2.Simulator.Payloads;

/// <summary>
/// Writes a device payload the way the F2 firmware (Python <c>json.dumps</c>) does:
/// <c>{"timestamp": "2023-05-26 18:34:04.928538", "status": true}</c>. Starts with the timestamp; add fields, then
/// <see cref="ToArray"/>. Writes into a caller's buffer (stack memory), so only the result is allocated.
/// </summary>
internal ref struct PayloadWriter
{
    /// <summary>What JSON must escape in a string: the quote, the backslash and the control characters.</summary>
    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create([.. Enumerable.Range(0, ' ').Select(c => (char)c), '"', '\\']);

    private readonly Span<byte> _buffer;
    private int _length;

    public PayloadWriter(Span<byte> buffer, DateTime time)
    {
        _buffer = buffer;
        Append("{\"timestamp\": "u8);
        AppendString(DeviceTimestamp.Format(time));
    }

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    public void Boolean(string key, bool value)
    {
        Key(key);
        Append(value ? "true"u8 : "false"u8);
    }

    public void String(string key, string value)
    {
        Key(key);
        AppendString(value);
    }

    /// <summary>Writes a field with a JSON number, e.g. a faulty reader that sends <c>"data": 42</c>.</summary>
    public void Number(string key, int value)
    {
        Key(key);
        value.TryFormat(_buffer[_length..], out int written, provider: System.Globalization.CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>Closes the object and returns the payload bytes.</summary>
    public byte[] ToArray()
    {
        Append("}"u8);
        return _buffer[.._length].ToArray();
    }

    private void Key(string key)
    {
        Append(", "u8);
        AppendString(key);
        Append(": "u8);
    }

    private void AppendString(string value)
    {
        Append("\""u8);
        ReadOnlySpan<char> rest = value;
        for (int i = rest.IndexOfAny(NeedsEscape); i >= 0; i = rest.IndexOfAny(NeedsEscape))
        {
            _length += Encoding.UTF8.GetBytes(rest[..i], _buffer[_length..]);
            Escape(rest[i]);
            rest = rest[(i + 1)..];
        }

        _length += Encoding.UTF8.GetBytes(rest, _buffer[_length..]);
        Append("\""u8);
    }

    private void Escape(char c)
    {
        switch (c)
        {
            case '"':
                Append("\\\""u8);
                break;
            case '\\':
                Append("\\\\"u8);
                break;
            default:
                Append("\\u00"u8);
                _buffer[_length++] = HexDigits[c >> 4];
                _buffer[_length++] = HexDigits[c & 0xF];
                break;
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer[_length..]);
        _length += bytes.Length;
    }
}

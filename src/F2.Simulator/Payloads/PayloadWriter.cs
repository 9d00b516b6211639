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
    private readonly Span<byte> _buffer;
    private int _length;

    public PayloadWriter(Span<byte> buffer, DateTime time)
    {
        _buffer = buffer;
        Append("{\"timestamp\": "u8);
        AppendString(DeviceTimestamp.Format(time));
    }

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
        foreach (char c in value)
        {
            switch (c)
            {
                case '"':
                    Append("\\\""u8);
                    break;
                case '\\':
                    Append("\\\\"u8);
                    break;
                case < ' ':
                    _length += Encoding.UTF8.GetBytes($"\\u{(int)c:x4}", _buffer[_length..]);
                    break;
                default:
                    _length += Encoding.UTF8.GetBytes([c], _buffer[_length..]);
                    break;
            }
        }

        Append("\""u8);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer[_length..]);
        _length += bytes.Length;
    }
}

using System.Text;
using Confluent.Kafka;

namespace F2.Integrations.Kafka;

/// <summary>UTF-8 text headers on Kafka records (F2's header values are all text). No LINQ, no allocation but the value.</summary>
public static class KafkaHeaderExtensions
{
    /// <summary>The value of the last header named <paramref name="name"/> (Kafka's "last wins"), decoded as UTF-8.</summary>
    public static bool TryGetString(this Headers? headers, string name, out string value)
    {
        if (TryGetBytes(headers, name, out ReadOnlySpan<byte> bytes))
        {
            value = Encoding.UTF8.GetString(bytes);
            return true;
        }

        value = "";
        return false;
    }

    /// <summary>The raw bytes of the last header named <paramref name="name"/>; an absent or null value is false.</summary>
    public static bool TryGetBytes(this Headers? headers, string name, out ReadOnlySpan<byte> value)
    {
        if (headers is not null)
        {
            for (int i = headers.Count - 1; i >= 0; i--)
            {
                IHeader header = headers[i];
                if (string.Equals(header.Key, name, StringComparison.Ordinal))
                {
                    byte[]? bytes = header.GetValueBytes();
                    value = bytes;
                    return bytes is not null;
                }
            }
        }

        value = default;
        return false;
    }

    /// <summary>Replaces every header named <paramref name="name"/> with one holding <paramref name="value"/> as UTF-8.</summary>
    public static void SetString(this Headers headers, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(value);
        headers.Remove(name);
        headers.Add(name, Encoding.UTF8.GetBytes(value));
    }
}

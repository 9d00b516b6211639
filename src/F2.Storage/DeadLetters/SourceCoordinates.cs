using System.Globalization;

namespace F2.Storage.DeadLetters;

/// <summary>A Kafka record's coordinates, as the <c>f2-source</c> header writes them: <c>&lt;topic&gt;/&lt;partition&gt;@&lt;offset&gt;</c>.</summary>
public readonly record struct SourceCoordinates(string Topic, int Partition, long Offset)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Topic}/{Partition}@{Offset}");

    /// <summary>Reads <c>&lt;topic&gt;/&lt;partition&gt;@&lt;offset&gt;</c>; false for anything else.</summary>
    public static bool TryParse(string? text, out SourceCoordinates coordinates)
    {
        coordinates = default;
        if (text is null)
        {
            return false;
        }

        int at = text.LastIndexOf('@');
        int slash = at < 0 ? -1 : text.LastIndexOf('/', at);
        if (slash <= 0
            || !int.TryParse(text.AsSpan(slash + 1, at - slash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int partition)
            || !long.TryParse(text.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long offset))
        {
            return false;
        }

        coordinates = new SourceCoordinates(text[..slash], partition, offset);
        return true;
    }
}

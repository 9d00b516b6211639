namespace F2.Protocol;

/// <summary>The device timestamp format of spec section 2.</summary>
public static class DeviceTimestamp
{
    /// <summary>Parses a timestamp's UTF-8 text (without JSON quotes) to UTC, truncated to the microsecond.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTime utc) => throw new NotImplementedException();

    /// <summary>Formats as devices do: <c>2023-05-26 18:34:04.928538</c> (UTC, no offset).</summary>
    public static string Format(DateTime utc) => throw new NotImplementedException();
}

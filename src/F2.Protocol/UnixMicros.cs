namespace F2.Protocol;

/// <summary>The <c>f2-received-at</c> header value: Unix time in microseconds as decimal UTF-8 digits.</summary>
public static class UnixMicros
{
    public static byte[] Format(DateTime utc) => throw new NotImplementedException();

    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTime utc) => throw new NotImplementedException();
}

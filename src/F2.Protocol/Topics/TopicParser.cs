using F2.Protocol.Text;

namespace F2.Protocol.Topics;

/// <summary>The topic grammar of spec section 1: <c>cmnd/f2-&lt;mac&gt;/&lt;mode&gt;/&lt;connector&gt;/&lt;component&gt;</c>.</summary>
internal static class TopicParser
{
    private const string Root = "cmnd/";

    public static bool TryParse(ReadOnlySpan<char> topic, out TopicAddress address)
    {
        address = default;
        if (!topic.StartsWith(Root, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> rest = topic[Root.Length..];
        if (rest.Length <= DeviceIds.Length
            || rest[DeviceIds.Length] != '/'
            || !DeviceIds.TryParse(rest[..DeviceIds.Length], out ulong mac))
        {
            return false;
        }

        rest = rest[(DeviceIds.Length + 1)..];
        int slash = rest.IndexOf('/');
        int mode = slash < 0 ? -1 : WireNames.IndexOf(WireNames.Modes, rest[..slash]);
        if (mode < 0)
        {
            return false;
        }

        rest = rest[(slash + 1)..];
        slash = rest.IndexOf('/');
        int connector = slash < 0 ? -1 : WireNames.IndexOf(WireNames.Connectors, rest[..slash]);
        if (connector < 0 || !TryParseComponent(rest[(slash + 1)..], out ComponentKind kind, out int number))
        {
            return false;
        }

        address = new TopicAddress(mac, mode, connector, kind, number);
        return true;
    }

    private static bool TryParseComponent(ReadOnlySpan<char> level, out ComponentKind kind, out int number)
    {
        string[] tokens = WireNames.TopicTokens;
        for (int i = 0; i < tokens.Length; i++)
        {
            kind = (ComponentKind)i;
            if (!WireNames.HasNumber(kind))
            {
                number = 0;
                if (level.SequenceEqual(tokens[i]))
                {
                    return true;
                }
            }
            else if (level.StartsWith(tokens[i], StringComparison.Ordinal)
                && AsciiDigits.TryParseOneToNinetyNine(level[tokens[i].Length..], out number))
            {
                return true;
            }
        }

        kind = default;
        number = 0;
        return false;
    }
}

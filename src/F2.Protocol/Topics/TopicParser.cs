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
        int mode = LevelIndex(WireNames.Modes, ref rest);
        int connector = mode < 0 ? -1 : LevelIndex(WireNames.Connectors, ref rest);
        if (connector < 0 || !TryParseComponent(rest, out ComponentKind kind, out int number))
        {
            return false;
        }

        address = new TopicAddress(mac, mode, connector, kind, number);
        return true;
    }

    /// <summary>Which of <paramref name="names"/> is the next whole level; moves <paramref name="rest"/> past it and its slash.</summary>
    private static int LevelIndex(string[] names, ref ReadOnlySpan<char> rest)
    {
        for (int i = 0; i < names.Length; i++)
        {
            string name = names[i];
            if (rest.Length > name.Length && rest[name.Length] == '/' && rest.StartsWith(name, StringComparison.Ordinal))
            {
                rest = rest[(name.Length + 1)..];
                return i;
            }
        }

        return -1;
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

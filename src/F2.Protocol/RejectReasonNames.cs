namespace F2.Protocol;

/// <summary>The wire names of <see cref="RejectReason"/> (<c>payload_too_large</c>, ...).</summary>
public static class RejectReasonNames
{
    private static readonly string[] Names =
    [
        "", "payload_too_large", "topic_invalid", "payload_not_json", "timestamp_missing",
        "timestamp_invalid", "params_missing", "field_missing", "value_invalid",
    ];

    public static IReadOnlyList<RejectReason> All { get; } = Enum.GetValues<RejectReason>();

    public static string ToWireName(this RejectReason reason) => Names[(int)reason];

    public static bool TryParse(string? wireName, out RejectReason reason)
    {
        int index = Array.IndexOf(Names, wireName);
        reason = index > 0 ? (RejectReason)index : default;
        return index > 0;
    }
}

namespace F2.Protocol;

/// <summary>
/// The dead-letter reasons that are not protocol reasons (spec section 6, <see cref="RejectReasonNames"/>): a message
/// the protocol accepts but a later stage cannot deliver. Such a message is a bug upstream, a rule the database adds,
/// or a broker's refusal, but it is never dropped silently and never stops the stage from delivering the others.
/// </summary>
public static class DeadLetterReasons
{
    /// <summary>The Sink cannot store the record: it is not a decoded message, or PostgreSQL refuses its rows.</summary>
    public const string RecordInvalid = "record_invalid";

    /// <summary>The Decoder decoded the message, but Kafka refuses its decoded record for good (too large, not authorised).</summary>
    public const string OutputRefused = "output_refused";

    /// <summary>Every reason a dead letter can carry: the protocol's, then these.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. RejectReasonNames.All.Select(RejectReasonNames.ToWireName), RecordInvalid, OutputRefused];
}

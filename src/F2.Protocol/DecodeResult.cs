namespace F2.Protocol;

/// <summary>The outcome of decoding one message: success (rows were appended) or one rejection reason.</summary>
public readonly record struct DecodeResult(RejectReason? Reason)
{
    public static DecodeResult Success => default;

    public bool IsSuccess => Reason is null;

    public static DecodeResult Rejected(RejectReason reason) => new(reason);
}

namespace F2.Protocol;

/// <summary>
/// Why a message was rejected (spec section 6). The numeric order is the reporting order: when
/// several rules fail, the smallest value is reported.
/// </summary>
public enum RejectReason : byte
{
    PayloadTooLarge = 1,
    TopicInvalid = 2,
    PayloadNotJson = 3,
    TimestampMissing = 4,
    TimestampInvalid = 5,
    ParamsMissing = 6,
    FieldMissing = 7,
    ValueInvalid = 8,
}

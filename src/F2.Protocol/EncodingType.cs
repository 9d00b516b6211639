namespace F2.Protocol;

/// <summary>How a component's payload is decoded (spec section 4).</summary>
public enum EncodingType : byte
{
    Boolean = 1,
    BooleanMap = 2,
    HexToFloat = 3,
    Ieee754Float32 = 4,
    RawString = 5,
}

namespace F2.Protocol.Decoding;

/// <summary>What the scan of one payload found: the fields the decoder reads, and the pins of a <c>boolean_map</c>.</summary>
internal struct PayloadFields
{
    public JsonField Timestamp;

    /// <summary>The <c>status</c> field (<c>boolean</c>).</summary>
    public JsonField Status;

    /// <summary>The <c>data</c> field (<c>hex_to_float</c>, <c>ieee754_float32</c>, <c>raw_string</c>).</summary>
    public JsonField Data;

    /// <summary>How many <c>&lt;name&gt;-&lt;k&gt;</c> keys there were (<c>boolean_map</c>).</summary>
    public int PinKeyCount;

    /// <summary>A pin key had a value that is not a boolean, repeated a k, or could not be read.</summary>
    public bool PinsInvalid;

    /// <summary>Bit k set: pin k was present (<c>boolean_map</c>).</summary>
    public UInt128 PinsPresent;

    /// <summary>Bit k set: pin k was true.</summary>
    public UInt128 PinsTrue;
}

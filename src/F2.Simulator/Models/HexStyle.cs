namespace F2.Simulator.Models;

/// <summary>How a sensor's firmware writes hex <c>data</c>: <c>0859</c>, <c>0x0859</c> or <c>08 59</c>.</summary>
internal enum HexStyle
{
    Plain,
    Prefixed,
    Spaced,
}

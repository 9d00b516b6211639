using System.Globalization;
using F2.Protocol.Text;

namespace F2.Protocol;

/// <summary>The <c>component_id</c> values (spec section 3): a number 1 to 99 without a leading zero, or <c>N/A</c>.</summary>
public static class ComponentIds
{
    /// <summary>The component id of a pin-map component (door sensors, exit buttons).</summary>
    public const string NotApplicable = WireNames.NotApplicable;

    public const int MinNumber = 1;
    public const int MaxNumber = 99;

    /// <summary>Whether <paramref name="id"/> is a component number: 1 to 99, no leading zero, no sign.</summary>
    public static bool IsNumber(string id) => AsciiDigits.TryParseOneToNinetyNine(id.AsSpan(), out _);

    /// <summary>The wire form of a component number.</summary>
    public static string Format(int number) => number is >= MinNumber and <= MaxNumber
        ? WireNames.ComponentIds[number]
        : number.ToString(CultureInfo.InvariantCulture);
}

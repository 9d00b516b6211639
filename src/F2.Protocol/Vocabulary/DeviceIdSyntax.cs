using F2.Protocol.Text;

namespace F2.Protocol;

/// <summary>Device ids (spec section 1): <c>f2-</c> and the controller's MAC as 12 hex digits, stored in lower case.</summary>
public static class DeviceIdSyntax
{
    /// <summary>Whether <paramref name="deviceId"/> is a device id in its stored form (hex digits in lower case).</summary>
    public static bool IsCanonical(string deviceId)
        => DeviceIds.TryParse(deviceId.AsSpan(), out ulong mac) && string.Equals(DeviceIds.Format(mac), deviceId, StringComparison.Ordinal);

    /// <summary>Lower-cases the hex digits of <c>f2-&lt;mac&gt;</c> (devices send either case); anything else unchanged.</summary>
    public static string Normalize(string deviceId)
        => deviceId.StartsWith("f2-", StringComparison.Ordinal) ? deviceId.ToLowerInvariant() : deviceId;
}

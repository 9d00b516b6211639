using System.Security.Cryptography;
using System.Text;
using F2.Protocol.Doors;

namespace F2.Doors.Derivation;

/// <summary>
/// One derived door event (spec sections 7 and 9). Times are device times in microseconds since the Unix epoch.
/// <see cref="Forced"/> and <see cref="Held"/> are set for <c>door_closed</c>, <see cref="ArmedByClose"/> for
/// <c>failed_to_relock</c>.
/// </summary>
internal sealed record DoorEvent(
    string DeviceId,
    int Door,
    DoorEventType Type,
    long Time,
    string? Credential = null,
    long? CauseTime = null,
    bool? Forced = null,
    bool? Held = null,
    bool? ArmedByClose = null)
{
    /// <summary>Lower-case hex of the first 16 bytes of SHA-256 over <c>device_id|door|event_type|time_us</c>.</summary>
    public string EventId
    {
        get
        {
            string key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{DeviceId}|{Door}|{Type.ToWireName()}|{Time}");
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
            return Convert.ToHexStringLower(hash[..16]);
        }
    }

    /// <summary>The <c>details</c> column: <c>{}</c>, or the keys of section 7.</summary>
    public string DetailsJson => Type switch
    {
        DoorEventType.DoorClosed => $$"""{"forced": {{Bool(Forced)}}, "held": {{Bool(Held)}}}""",
        DoorEventType.FailedToRelock => ArmedByClose == true ? """{"armed_by": "close"}""" : """{"armed_by": "unlock"}""",
        _ => "{}",
    };

    private static string Bool(bool? value) => value == true ? "true" : "false";
}

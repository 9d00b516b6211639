using System.Text;

namespace F2.Testing.BadInput;

/// <summary>Which account publishes a kind: the services' account (may use <c>cmnd/#</c>) or a device account (its own topics only).</summary>
public enum CorpusAccount
{
    Service,
    Device,
}

/// <summary>
/// One kind of hostile or broken input: the exact bytes a device sends (topic and payload, which need not be valid
/// UTF-8), how it sends them, and where the pipeline must put them.
/// </summary>
public sealed record BadInputKind
{
    /// <summary>A short stable name, used as the test case name.</summary>
    public required string Name { get; init; }

    /// <summary>What it is, in a sentence.</summary>
    public required string Description { get; init; }

    /// <summary>The topic bytes exactly as written into the PUBLISH packet.</summary>
    public required byte[] Topic { get; init; }

    public required byte[] Payload { get; init; }

    /// <summary>MQTT QoS 0, 1 or 2.</summary>
    public int Qos { get; init; } = 1;

    public bool Retain { get; init; }

    /// <summary>MQTT 5 user properties sent with the message.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> UserProperties { get; init; } = [];

    public CorpusAccount Account { get; init; } = CorpusAccount.Service;

    /// <summary>The device id the topic names (rows and keys are found by it); null when the topic names none.</summary>
    public string? DeviceId { get; init; }

    public required BadInputExpectation Expected { get; init; }

    /// <summary>The topic for people: its text, with bytes that are not printable UTF-8 shown as <c>\xHH</c>, cut at 80 characters.</summary>
    public string TopicForDisplay => Printable(Topic, 80);

    public override string ToString() => Name;

    private static string Printable(byte[] bytes, int max)
    {
        var text = new StringBuilder();
        var decoder = new UTF8Encoding(false, true);
        int index = 0;
        while (index < bytes.Length && text.Length < max)
        {
            int length = SequenceLength(bytes[index]);
            string? character = null;
            if (length > 0 && index + length <= bytes.Length)
            {
                try
                {
                    character = decoder.GetString(bytes, index, length);
                }
                catch (DecoderFallbackException)
                {
                    character = null;
                }
            }

            if (character is null || (character.Length == 1 && char.IsControl(character[0])))
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{bytes[index]:X2}");
                index++;
            }
            else
            {
                text.Append(character);
                index += length;
            }
        }

        return index < bytes.Length ? text.Append("…").ToString() : text.ToString();
    }

    private static int SequenceLength(byte first) => first switch
    {
        < 0x80 => 1,
        >= 0xC2 and < 0xE0 => 2,
        >= 0xE0 and < 0xF0 => 3,
        >= 0xF0 and < 0xF5 => 4,
        _ => 0,
    };
}

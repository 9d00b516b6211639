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

    public override string ToString() => Name;
}

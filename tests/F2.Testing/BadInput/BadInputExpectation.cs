using System.Globalization;

namespace F2.Testing.BadInput;

/// <summary>Where one kind of bad input must end up.</summary>
public enum BadInputOutcome
{
    /// <summary>A record on <c>dead_letter_iot_data</c> with the expected reason and stage.</summary>
    DeadLetter,

    /// <summary>The broker refuses the PUBLISH with the expected reason code; Ingest never sees it.</summary>
    RefusedByBroker,

    /// <summary>Valid input in a hostile form: stored as the expected number of rows.</summary>
    Stored,
}

/// <summary>The expected outcome of one <see cref="BadInputKind"/>.</summary>
public sealed record BadInputExpectation
{
    private BadInputExpectation(BadInputOutcome outcome) => Outcome = outcome;

    public BadInputOutcome Outcome { get; }

    /// <summary>The dead-letter reason's wire name (<c>payload_not_json</c>, ...; <c>record_invalid</c> for the sink).</summary>
    public string? Reason { get; private init; }

    /// <summary>The stage that dead-letters it: <c>ingest</c>, <c>decoder</c> or <c>sink</c>.</summary>
    public string? Stage { get; private init; }

    /// <summary>The MQTT 5 reason code of the broker's refusal (in a DISCONNECT, or in the PUBACK for 0x87).</summary>
    public byte BrokerReasonCode { get; private init; }

    /// <summary>Rows a stored message becomes.</summary>
    public int Rows { get; private init; }

    public static BadInputExpectation DeadLetter(string reason, string stage) => new(BadInputOutcome.DeadLetter) { Reason = reason, Stage = stage };

    public static BadInputExpectation Refused(byte reasonCode) => new(BadInputOutcome.RefusedByBroker) { BrokerReasonCode = reasonCode };

    public static BadInputExpectation Stored(int rows) => new(BadInputOutcome.Stored) { Rows = rows };

    public override string ToString() => Outcome switch
    {
        BadInputOutcome.DeadLetter => $"dead letter {Reason} ({Stage})",
        BadInputOutcome.RefusedByBroker => "refused by the broker: " + MqttReasonCodes.Describe(BrokerReasonCode),
        _ => string.Create(CultureInfo.InvariantCulture, $"stored: {Rows} row(s)"),
    };
}

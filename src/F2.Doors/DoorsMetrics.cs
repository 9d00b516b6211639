using System.Diagnostics;
using System.Diagnostics.Metrics;
using F2.Doors.Derivation;

namespace F2.Doors;

/// <summary>The door stage's instruments (meter <c>f2.doors</c>, spec section 10); no device ids as tags.</summary>
internal sealed class DoorsMetrics
{
    public const string MeterName = "f2.doors";

    public DoorsMetrics(IMeterFactory meterFactory)
    {
        Meter meter = meterFactory.Create(MeterName);
        Signals = meter.CreateCounter<long>("f2.doors.signals", "{row}", "Door signal rows by arrival outcome (accepted, late, duplicate, ignored)");
        Events = meter.CreateCounter<long>("f2.doors.events", "{event}", "Door events written to door_events, by event_type");
        Messages = meter.CreateCounter<long>("f2.doors.messages", "{message}", "Decoded messages consumed");
        RecordsInvalid = meter.CreateCounter<long>("f2.doors.records.invalid", "{record}", "Records of decoded_iot_data that were not decoded messages");
        SettingsIgnored = meter.CreateCounter<long>(
            "f2.doors.settings.ignored", "{row}", "door_settings rows ignored whole, by reason (key_invalid, value_out_of_range), counted when a load first finds them");
        CommitDuration = meter.CreateHistogram<double>("f2.doors.commit.duration", "s", "Time to write and commit one batch (events, door state, offsets)");
    }

    public Counter<long> Signals { get; }

    public Counter<long> Events { get; }

    public Counter<long> Messages { get; }

    public Counter<long> RecordsInvalid { get; }

    public Counter<long> SettingsIgnored { get; }

    public Histogram<double> CommitDuration { get; }

    public void AddSignals(in SignalCounts counts)
    {
        Add(SignalOutcome.Accepted, counts.Accepted);
        Add(SignalOutcome.Late, counts.Late);
        Add(SignalOutcome.Duplicate, counts.Duplicate);
        Add(SignalOutcome.Ignored, counts.Ignored);
    }

    private void Add(SignalOutcome outcome, long count)
    {
        if (count > 0)
        {
            Signals.Add(count, new TagList { { "outcome", SignalCounts.WireName(outcome) } });
        }
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using F2.Protocol;

namespace F2.Ingest;

/// <summary>The <c>f2.ingest</c> meter.</summary>
internal sealed class IngestMetrics
{
    public const string MeterName = "f2.ingest";

    /// <summary>Reason of a dropped QoS 0 message: Ingest's window was full (Kafka slow or away).</summary>
    public const string Qos0Backpressure = "qos0_backpressure";

    private readonly Counter<long> _received;
    private readonly Counter<long> _forwarded;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _produceRetries;
    private readonly Counter<long> _dropped;
    private readonly Histogram<double> _produceDuration;

    public IngestMetrics(IMeterFactory meterFactory, IngestStatus status)
    {
        Meter meter = meterFactory.Create(MeterName);
        _received = meter.CreateCounter<long>("f2.ingest.messages.received", "{message}", "MQTT messages taken from the broker.");
        _forwarded = meter.CreateCounter<long>("f2.ingest.messages.forwarded", "{message}", "Messages acknowledged by Kafka on raw_iot_data.");
        _deadLettered = meter.CreateCounter<long>("f2.ingest.messages.dead_lettered", "{message}", "Messages acknowledged by Kafka on dead_letter_iot_data, by reason.");
        _produceRetries = meter.CreateCounter<long>("f2.ingest.produce.retries", "{attempt}", "Produce attempts Kafka did not acknowledge.");
        _dropped = meter.CreateCounter<long>("f2.ingest.messages.dropped", "{message}", "QoS 0 messages dropped, by reason (QoS 0 has no redelivery).");
        _produceDuration = meter.CreateHistogram<double>("f2.ingest.produce.duration", "s", "From produce to Kafka's acknowledgement.");
        meter.CreateObservableGauge("f2.ingest.in_flight", () => status.InFlight, "{message}", "Messages taken and not yet acknowledged to the broker.");
    }

    public void Received() => _received.Add(1);

    public void Produced(RejectReason? rejection, long startTimestamp)
    {
        _produceDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
        if (rejection is { } reason)
        {
            _deadLettered.Add(1, new KeyValuePair<string, object?>("reason", reason.ToWireName()));
        }
        else
        {
            _forwarded.Add(1);
        }
    }

    public void ProduceRetried() => _produceRetries.Add(1);

    public void Dropped(string reason) => _dropped.Add(1, new KeyValuePair<string, object?>("reason", reason));
}

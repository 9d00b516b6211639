using System.Diagnostics;
using System.Diagnostics.Metrics;
using F2.Protocol;

namespace F2.Decoder;

/// <summary>The <c>f2.decoder</c> meter.</summary>
internal sealed class DecoderMetrics
{
    public const string MeterName = "f2.decoder";

    private readonly Counter<long> _messages;
    private readonly Counter<long> _rows;
    private readonly Counter<long> _produceRetries;
    private readonly Counter<long> _recordsSkipped;
    private readonly Histogram<double> _decodeDuration;
    private volatile IReadOnlyList<Measurement<long>> _lag = [];

    public DecoderMetrics(IMeterFactory meterFactory)
    {
        Meter meter = meterFactory.Create(MeterName);
        _messages = meter.CreateCounter<long>("f2.decoder.messages", "{message}", "Raw records processed, by outcome (decoded, rejected) and reason.");
        _rows = meter.CreateCounter<long>("f2.decoder.rows", "{row}", "Rows decoded.");
        _produceRetries = meter.CreateCounter<long>("f2.decoder.produce.retries", "{attempt}", "Produce attempts Kafka did not acknowledge.");
        _recordsSkipped = meter.CreateCounter<long>("f2.decoder.records_skipped", "{record}", "Records of raw_iot_data deleted from Kafka before the group consumed them.");
        _decodeDuration = meter.CreateHistogram<double>("f2.decoder.decode.duration", "s", "Time to decode one record.");
        meter.CreateObservableGauge("f2.decoder.consumer.lag", () => _lag, "{message}", "Records of raw_iot_data not yet consumed, per assigned partition.");
    }

    public void Decoded(RejectReason? rejection, int rows, long startTimestamp)
    {
        _decodeDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
        if (rejection is { } reason)
        {
            _messages.Add(1, new("outcome", "rejected"), new("reason", reason.ToWireName()));
        }
        else
        {
            _messages.Add(1, new KeyValuePair<string, object?>("outcome", "decoded"));
            _rows.Add(rows);
        }
    }

    public void ProduceRetried() => _produceRetries.Add(1);

    public void Skipped(long records) => _recordsSkipped.Add(records);

    /// <summary>Replaces the lag per partition reported by the gauge.</summary>
    public void Lag(IEnumerable<(int Partition, long Lag)> lag)
        => _lag = [.. lag.Select(entry => new Measurement<long>(entry.Lag, new KeyValuePair<string, object?>("messaging.destination.partition.id", entry.Partition)))];
}

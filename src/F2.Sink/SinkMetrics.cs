using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace F2.Sink;

/// <summary>The sink's instruments (meter <c>f2.sink</c>); no device ids as tags.</summary>
internal sealed class SinkMetrics
{
    public const string MeterName = "f2.sink";

    private readonly ConcurrentDictionary<int, long> _lagByPartition = new();

    public SinkMetrics(IMeterFactory meterFactory)
    {
        Meter meter = meterFactory.Create(MeterName);
        RecordsConsumed = meter.CreateCounter<long>("f2.sink.records", "{record}", "Records consumed from decoded_iot_data");
        RecordsDeadLettered = meter.CreateCounter<long>("f2.sink.records.dead_lettered", "{record}", "Records that were not valid decoded messages");
        RecordsSkipped = meter.CreateCounter<long>("f2.sink.records_skipped", "{record}", "Records of decoded_iot_data deleted from Kafka before the group consumed them");
        DeadLettersStored = meter.CreateCounter<long>("f2.deadletters.stored", "{dead_letter}", "Dead letters newly kept in dead_letters (redeliveries not counted)");
        RowsWritten = meter.CreateCounter<long>("f2.sink.rows.written", "{row}", "Rows inserted into iot_measurements");
        RowsDuplicate = meter.CreateCounter<long>("f2.sink.rows.duplicate", "{row}", "Rows offered but already stored (redeliveries)");
        BatchSize = meter.CreateHistogram<int>("f2.sink.batch.size", "{row}", "Rows per written batch");
        CommitDuration = meter.CreateHistogram<double>("f2.sink.commit.duration", "s", "Time to write and commit one batch to PostgreSQL");
        EndToEndLatency = meter.CreateHistogram<double>("f2.sink.end_to_end.latency", "s", "Device timestamp to database commit, per message");
        PipelineLatency = meter.CreateHistogram<double>("f2.sink.pipeline.latency", "s", "First seen by the pipeline (received_at) to database commit, per message");
        meter.CreateObservableGauge("f2.sink.consumer.lag", ObserveLag, "{record}", "High watermark minus position, per assigned partition");
    }

    public Counter<long> RecordsConsumed { get; }

    public Counter<long> RecordsDeadLettered { get; }

    public Counter<long> RecordsSkipped { get; }

    public Counter<long> DeadLettersStored { get; }

    public Counter<long> RowsWritten { get; }

    public Counter<long> RowsDuplicate { get; }

    public Histogram<int> BatchSize { get; }

    public Histogram<double> CommitDuration { get; }

    public Histogram<double> EndToEndLatency { get; }

    public Histogram<double> PipelineLatency { get; }

    public void SetLag(int partition, long lag) => _lagByPartition[partition] = lag;

    public void ForgetLag(int partition) => _lagByPartition.TryRemove(partition, out _);

    private IEnumerable<Measurement<long>> ObserveLag()
        => _lagByPartition.Select(entry => new Measurement<long>(
            entry.Value, new TagList { { "messaging.destination.partition.id", entry.Key.ToString(System.Globalization.CultureInfo.InvariantCulture) } }));
}

using System.ComponentModel.DataAnnotations;
using Confluent.Kafka;

namespace F2.Integrations.Kafka;

/// <summary>
/// The Kafka client settings that matter to F2 (section <c>Kafka</c>); the bootstrap servers come from
/// <c>ConnectionStrings:kafka</c>. Everything else is fixed in <see cref="KafkaClientConfigs"/>.
/// </summary>
public sealed class KafkaOptions : IValidatableObject
{
    public const string SectionName = "Kafka";

    /// <summary>
    /// How long the producer waits to fill a batch (<c>linger.ms</c>; librdkafka's default is 5 ms): fewer, larger
    /// batches cost every broker less per record, at the price of up to this much latency per produce hop. The
    /// figures behind the default are in docs/PERFORMANCE.md, "Tuning knobs, measured".
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan ProducerLinger { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Upper bound of one produce batch in bytes (<c>batch.size</c>).</summary>
    [Range(1024, 100_000_000)]
    public int ProducerBatchBytes { get; set; } = 1_000_000;

    /// <summary>
    /// How long librdkafka keeps retrying one record before it reports a delivery failure
    /// (<c>message.timeout.ms</c>). Five minutes rides out a broker outage of 30 s ten times over without the
    /// application noticing; past it the outage is real and the worker must see it (the record is then neither
    /// acknowledged to MQTT nor committed, so it is delivered again). An infinite timeout was rejected: it hides a
    /// dead broker behind a silently growing queue and makes shutdown wait on a flush that never ends.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan ProducerMessageTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Records the producer may hold unsent (<c>queue.buffering.max.messages</c>). When full, Produce throws
    /// <c>Local_QueueFull</c>: the caller's backpressure signal.
    /// </summary>
    [Range(1000, 10_000_000)]
    public int ProducerQueueMessages { get; set; } = 100_000;

    /// <summary>Batch compression (<c>compression.type</c>). JSON telemetry compresses well with lz4.</summary>
    public CompressionType ProducerCompression { get; set; } = CompressionType.Lz4;

    /// <summary>
    /// A consumer that sends no heartbeat for this long leaves its group (<c>session.timeout.ms</c>; heartbeats go
    /// every third of it, from librdkafka's own thread, so a slow batch does not count: that is
    /// <see cref="ConsumerMaxPollInterval"/>). It bounds how long a killed Decoder's or Sink's partitions stay with the
    /// dead member (a restarted static member, <see cref="ConsumerGroupInstanceId"/>, does not wait for it on Kafka).
    /// 6 s, the smallest a Kafka broker accepts by default (<c>group.min.session.timeout.ms</c>); services on the
    /// development stand-in get <c>MockKafkaCluster.ClientSessionTimeout</c> (F2.DevKafka.Cluster). The trade-off: docs/OPERATIONS.md,
    /// Kafka consumer groups.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan ConsumerSessionTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>
    /// A consumer whose offset commits have all failed for this long reports Unhealthy (<see cref="ConsumerGroupHealth"/>):
    /// short refusals during a rebalance are normal, half a minute of them is not.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ConsumerCommitFailureWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Static group membership (<c>group.instance.id</c>, KIP-345), one id per replica that stays the same across its
    /// restarts (e.g. the pod or replica name; unique within each consumer group). On Kafka a member that comes back
    /// with its id within <see cref="ConsumerSessionTimeout"/> gets its partitions back at once, without a rebalance.
    /// The trade-off: a static member does not leave its group when it stops, so a replica removed for good keeps its
    /// partitions until the session timeout, and two processes with one id fence each other (the second one fails).
    /// Empty (the default): dynamic membership. The development stand-in ignores it.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9._-]{1,200}$")]
    public string? ConsumerGroupInstanceId { get; set; }

    /// <summary>
    /// When <see cref="ConsumerGroupInstanceId"/> is empty, take it from the OpenTelemetry resource attribute
    /// <c>service.instance.id</c> (<c>OTEL_RESOURCE_ATTRIBUTES</c>), which an orchestrator sets per replica: the AppHost
    /// sets this for its replicas, which otherwise share one environment (<see cref="ServiceInstanceId"/>).
    /// </summary>
    public bool ConsumerGroupInstanceIdFromServiceInstance { get; set; }

    /// <summary>Longest time between two Consume calls before the consumer leaves its group (<c>max.poll.interval.ms</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan ConsumerMaxPollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The longest a broker holds a fetch that finds no new record (<c>fetch.wait.max.ms</c>). A Kafka broker answers
    /// as soon as records arrive, so this only bounds idle polling there. The development Kafka stand-in (librdkafka
    /// mock cluster) always waits this long when a fetch finds nothing, even if records arrive meanwhile, so there
    /// each consumer hop adds up to this much latency (librdkafka's default is 500 ms; docs/PERFORMANCE.md, "Tuning
    /// knobs, measured").
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:30")]
    public TimeSpan ConsumerFetchWait { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How much a consumer fetches ahead of the application, in KiB (<c>queued.max.messages.kbytes</c>). librdkafka's
    /// default, 65,536 (64 MiB), is resident memory a service does not need: the default here holds more than a second
    /// of records at the rates in docs/PERFORMANCE.md, and the broker is asked for more long before it runs out.
    /// </summary>
    [Range(1024, 2_097_151)]
    public int ConsumerPrefetchKilobytes { get; set; } = 16 * 1024;

    /// <summary>
    /// Extra librdkafka properties for every client (section <c>Kafka:ClientProperties</c>), for what a managed
    /// cluster needs: <c>security.protocol</c>, <c>sasl.*</c>, <c>ssl.*</c>, <c>socket.*</c> and a few connection
    /// settings (<see cref="KafkaClientProperties"/>). Properties that carry F2's delivery guarantees (acks,
    /// idempotence, commits, offsets) are not among them and are refused at start.
    /// </summary>
    public Dictionary<string, string> ClientProperties { get; } = new(StringComparer.Ordinal);

    /// <summary>How long the health check waits for a metadata answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(3);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ProducerMessageTimeout <= ProducerLinger)
        {
            yield return new ValidationResult(
                "Kafka:ProducerMessageTimeout must be longer than Kafka:ProducerLinger.",
                [nameof(ProducerMessageTimeout), nameof(ProducerLinger)]);
        }

        if (ConsumerMaxPollInterval < ConsumerSessionTimeout)
        {
            yield return new ValidationResult(
                "Kafka:ConsumerMaxPollInterval must not be shorter than Kafka:ConsumerSessionTimeout.",
                [nameof(ConsumerMaxPollInterval), nameof(ConsumerSessionTimeout)]);
        }

        foreach (string name in ClientProperties.Keys.Where(name => !KafkaClientProperties.IsAllowed(name)))
        {
            yield return new ValidationResult(
                $"Kafka:ClientProperties:{name} is not allowed: only {KafkaClientProperties.Description} may be set.",
                [nameof(ClientProperties)]);
        }
    }
}

using System.Diagnostics;
using System.Threading.Channels;
using Confluent.Kafka;
using F2.Integrations;
using Microsoft.Extensions.Options;

namespace F2.Ingest;

/// <summary>
/// Takes messages from the channel and writes each to Kafka until Kafka acknowledges it, then acknowledges it to the
/// broker. <see cref="IngestOptions.MaxInFlight"/> produces run at once. A failed delivery (timeout, outage) is retried
/// with backoff while the message stays in hand and unacknowledged; only a fatal producer error ends the forwarding.
/// </summary>
internal sealed class KafkaForwarder(
    IProducer<string?, byte[]> producer,
    MqttConnection connection,
    IOptions<IngestOptions> options,
    IngestStatus status,
    IngestMetrics metrics,
    ILogger<KafkaForwarder> logger)
{
    private readonly IngestOptions _options = options.Value;

    /// <summary>Runs until the channel is completed and drained, or until <paramref name="abandon"/> fires.</summary>
    public Task RunAsync(ChannelReader<IngestMessage> reader, CancellationToken abandon)
        => Task.WhenAll(Enumerable.Range(0, _options.MaxInFlight).Select(_ => ForwardAllAsync(reader, abandon)));

    private async Task ForwardAllAsync(ChannelReader<IngestMessage> reader, CancellationToken abandon)
    {
        await foreach (var message in reader.ReadAllAsync(abandon))
        {
            try
            {
                if (await ForwardAsync(message, abandon))
                {
                    await connection.AcknowledgeAsync(message, abandon);
                }
            }
            finally
            {
                message.Activity?.Dispose();
                status.Released();
            }
        }
    }

    /// <summary>True once Kafka acknowledged the record; false when the broker will redeliver the message anyway.</summary>
    private async Task<bool> ForwardAsync(IngestMessage message, CancellationToken abandon)
    {
        var (topic, record) = IngestRecords.Create(message);
        for (int attempt = 1; ; attempt++)
        {
            long started = Stopwatch.GetTimestamp();
            try
            {
                await producer.ProduceAsync(topic, record, abandon);
                metrics.Produced(message.Rejection, started);
                if (status.ProduceSucceeded())
                {
                    Log.ProduceRecovered(logger);
                }

                return true;
            }
            catch (ProduceException<string?, byte[]> exception) when (!exception.Error.IsFatal)
            {
                metrics.ProduceRetried();
                var delay = Backoff.DelayWithJitter(attempt, _options.ProduceRetryDelayMax);
                if (status.ProduceFailed())
                {
                    Log.ProduceFailed(logger, topic, exception.Error.Reason, delay);
                }
                else
                {
                    Log.ProduceRetrying(logger, topic, exception.Error.Reason, delay);
                }

                message.Activity?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { ["error.type"] = exception.Error.Code.ToString() }));
                await Task.Delay(delay, abandon);
                if (connection.WillRedeliver(message))
                {
                    // Its copy from the new connection takes over; holding both would double the memory per reconnect.
                    Log.LeftForRedelivery(logger, message.Topic);
                    return false;
                }
            }
            catch (ProduceException<string?, byte[]> exception)
            {
                Log.ProducerFatal(logger, exception.Error.Reason);
                message.Activity?.SetStatus(ActivityStatusCode.Error, exception.Error.Reason);
                throw;
            }
        }
    }
}

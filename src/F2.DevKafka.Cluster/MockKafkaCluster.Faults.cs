using Confluent.Kafka;

namespace F2.DevKafka;

/// <summary>Faults the stand-in's brokers answer requests with, for tests of how the services handle them.</summary>
public sealed unsafe partial class MockKafkaCluster
{
    private const short ProduceApiKey = 0;

    /// <summary>
    /// The next <paramref name="count"/> Produce requests for <paramref name="topic"/> [<paramref name="partition"/>]
    /// are answered with <paramref name="error"/> for that partition and append nothing (e.g.
    /// <see cref="ErrorCode.MsgSizeTooLarge"/> or <see cref="ErrorCode.TopicAuthorizationFailed"/>: a record the
    /// broker refuses for good).
    /// </summary>
    public void RefuseProduce(string topic, int partition, ErrorCode error, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (_api.PartitionPushRequestError == null)
        {
            throw new NotSupportedException("The loaded librdkafka does not export rd_kafka_mock_partition_push_request_errors.");
        }

        fixed (byte* name = Utf8(topic))
        {
            lock (_gate)
            {
                for (int i = 0; i < count; i++)
                {
                    ThrowOnError(_api.PartitionPushRequestError(LiveCluster(), name, partition, ProduceApiKey, 1, (int)error),
                        $"refuse produce requests for {topic} [{partition}]");
                }
            }
        }
    }

    /// <summary>
    /// The broker answers its next Produce request only after <paramref name="delay"/> (then without error): with a
    /// shorter <c>message.timeout.ms</c> the producer reports <see cref="ErrorCode.Local_MsgTimedOut"/>, a transient error.
    /// </summary>
    public void DelayProduce(int brokerId, TimeSpan delay)
    {
        if (_api.BrokerPushRequestErrorRtt == null)
        {
            throw new NotSupportedException("The loaded librdkafka does not export rd_kafka_mock_broker_push_request_error_rtts.");
        }

        lock (_gate)
        {
            ThrowOnError(_api.BrokerPushRequestErrorRtt(LiveCluster(), brokerId, ProduceApiKey, 1, 0, checked((int)delay.TotalMilliseconds)),
                $"delay produce responses of broker {brokerId}");
        }
    }
}

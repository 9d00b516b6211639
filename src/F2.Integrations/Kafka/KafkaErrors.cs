using Confluent.Kafka;

namespace F2.Integrations.Kafka;

/// <summary>Tells a produce error the same record meets on every retry (refuse it for good) from one worth retrying.</summary>
public static class KafkaErrors
{
    /// <summary>
    /// The record or the client is refused for good: too large (for the client's <c>message.max.bytes</c> or the
    /// broker's), an invalid record, a broker policy, or no authorisation for the topic or the cluster. Every other
    /// non-fatal error (timeouts, leader changes, a full queue, brokers down) is transient.
    /// </summary>
    public static bool IsPermanent(Error error) => error.Code is ErrorCode.MsgSizeTooLarge
        or ErrorCode.RecordListTooLarge
        or ErrorCode.InvalidRecord
        or ErrorCode.PolicyViolation
        or ErrorCode.TopicAuthorizationFailed
        or ErrorCode.ClusterAuthorizationFailed;
}

namespace F2.Ingest;

/// <summary>Ingest's log messages (event ids 1000-1999). Payloads and credentials are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Connecting to the MQTT broker {Server} as {ClientId}")]
    public static partial void Connecting(ILogger logger, string server, string clientId);

    [LoggerMessage(1001, LogLevel.Information, "Connected to the MQTT broker (session present: {SessionPresent}); subscribed to {Filter} at QoS 1, receive maximum {ReceiveMaximum}")]
    public static partial void Connected(ILogger logger, bool sessionPresent, string filter, int receiveMaximum);

    [LoggerMessage(1002, LogLevel.Warning, "MQTT connection attempt failed; retrying in {Delay}")]
    public static partial void ConnectFailed(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(1003, LogLevel.Warning, "Disconnected from the MQTT broker ({Reason}); unacknowledged messages stay in the session for redelivery")]
    public static partial void Disconnected(ILogger logger, string reason);

    [LoggerMessage(1004, LogLevel.Critical, "The MQTT broker refused the connection: {ResultCode} {ReasonString}. Check ConnectionStrings:mqtt and Ingest:ClientId")]
    public static partial void ConnectRefused(ILogger logger, string resultCode, string? reasonString);

    [LoggerMessage(1005, LogLevel.Critical, "The MQTT broker refused the subscription to {Filter}: {ResultCode}. Check Ingest:SubscriptionTopic and the broker's ACL")]
    public static partial void SubscribeRefused(ILogger logger, string filter, string resultCode);

    [LoggerMessage(1006, LogLevel.Warning, "Connected to the MQTT broker without a session (expired, or the broker lost its state): the {InHand} messages in hand will not be redelivered, so they are forwarded")]
    public static partial void SessionLost(ILogger logger, int inHand);

    [LoggerMessage(1007, LogLevel.Critical, "The MQTT broker granted the subscription to {Filter} only at QoS 0 (asked: QoS 1): messages would be lost on any failure. Allow QoS 1 on the broker (Mosquitto: max_qos)")]
    public static partial void SubscriptionDowngraded(ILogger logger, string filter);

    [LoggerMessage(1010, LogLevel.Debug, "Message on {Topic} rejected at ingest: {Reason}")]
    public static partial void Rejected(ILogger logger, string topic, string reason);

    [LoggerMessage(1011, LogLevel.Debug, "Message on {Topic} not taken (Ingest is stopping or the connection closed); the broker redelivers it")]
    public static partial void NotTaken(ILogger logger, string topic);

    [LoggerMessage(1015, LogLevel.Debug, "QoS 0 message on {Topic} dropped: Ingest's window is full (counted in f2.ingest.messages.dropped)")]
    public static partial void DroppedQos0(ILogger logger, string topic);

    [LoggerMessage(1012, LogLevel.Debug, "Acknowledgement of a message on {Topic} skipped: its connection is gone; the broker redelivers it")]
    public static partial void AckSkipped(ILogger logger, string topic);

    [LoggerMessage(1013, LogLevel.Debug, "Acknowledgement of a message on {Topic} failed; the broker redelivers it")]
    public static partial void AckFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(1014, LogLevel.Debug, "Message on {Topic} no longer retried: its connection is gone and the broker redelivers it")]
    public static partial void LeftForRedelivery(ILogger logger, string topic);

    [LoggerMessage(1020, LogLevel.Warning, "Kafka did not acknowledge a record for {Topic} ({Error}); retrying in {Delay}; the MQTT message stays unacknowledged")]
    public static partial void ProduceFailed(ILogger logger, string topic, string error, TimeSpan delay);

    [LoggerMessage(1023, LogLevel.Debug, "Kafka did not acknowledge a record for {Topic} ({Error}); retrying in {Delay}")]
    public static partial void ProduceRetrying(ILogger logger, string topic, string error, TimeSpan delay);

    [LoggerMessage(1021, LogLevel.Information, "Kafka acknowledges records again")]
    public static partial void ProduceRecovered(ILogger logger);

    [LoggerMessage(1022, LogLevel.Critical, "The Kafka producer failed fatally ({Error}); Ingest stops so that it can be restarted")]
    public static partial void ProducerFatal(ILogger logger, string error);

    [LoggerMessage(1024, LogLevel.Critical, "Ingest's {Loop} loop failed; Ingest stops so that it can be restarted (unacknowledged messages are redelivered)")]
    public static partial void LoopFailed(ILogger logger, string loop, Exception exception);

    [LoggerMessage(1030, LogLevel.Information, "Ingest stopping: no new messages taken; finishing {InFlight} in-flight messages")]
    public static partial void Draining(ILogger logger, int inFlight);

    [LoggerMessage(1031, LogLevel.Warning, "Ingest stopped with {InFlight} messages still unacknowledged after {Timeout}; the broker redelivers them")]
    public static partial void DrainTimedOut(ILogger logger, int inFlight, TimeSpan timeout);

    [LoggerMessage(1033, LogLevel.Critical, "Ingest cannot do its job and stops with exit code 1")]
    public static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(1032, LogLevel.Information, "Ingest stopped")]
    public static partial void Stopped(ILogger logger);
}

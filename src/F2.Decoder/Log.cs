namespace F2.Decoder;

/// <summary>The Decoder's log messages (event ids 2000-2999). Payloads and credentials are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(2000, LogLevel.Information, "Waiting for device_parameters to load with at least one row before consuming raw_iot_data")]
    public static partial void WaitingForParameters(ILogger logger);

    [LoggerMessage(2001, LogLevel.Information, "Device parameters loaded ({Count} rows); consuming {Topic} as group {Group}")]
    public static partial void Consuming(ILogger logger, int count, string topic, string group);

    [LoggerMessage(2002, LogLevel.Information, "Partitions assigned: {Partitions}")]
    public static partial void Assigned(ILogger logger, string partitions);

    [LoggerMessage(2003, LogLevel.Information, "Partitions revoked: {Partitions}; committed what was safe")]
    public static partial void Revoked(ILogger logger, string partitions);

    [LoggerMessage(2004, LogLevel.Warning, "Partitions lost: {Partitions}; their unacknowledged records are consumed again by the next owner")]
    public static partial void Lost(ILogger logger, string partitions);

    [LoggerMessage(2010, LogLevel.Debug, "Record {Source} rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, string source, string reason);

    [LoggerMessage(2020, LogLevel.Warning, "Kafka did not acknowledge the output of {Source} ({Error}); retrying in {Delay}; offsets stay uncommitted")]
    public static partial void ProduceFailed(ILogger logger, string source, string error, TimeSpan delay);

    [LoggerMessage(2021, LogLevel.Debug, "Kafka did not acknowledge the output of {Source} ({Error}); retrying in {Delay}")]
    public static partial void ProduceRetrying(ILogger logger, string source, string error, TimeSpan delay);

    [LoggerMessage(2022, LogLevel.Information, "Kafka acknowledges records again")]
    public static partial void ProduceRecovered(ILogger logger);

    [LoggerMessage(2026, LogLevel.Warning, "Kafka refused the decoded record of {Source} for good ({Error}); dead-lettering it as output_refused with its original bytes")]
    public static partial void OutputRefused(ILogger logger, string source, string error);

    [LoggerMessage(2027, LogLevel.Critical, "Kafka refused the dead letter of {Source} for good ({Error}); the Decoder stops rather than lose it or retry forever; its offset stays uncommitted")]
    public static partial void DeadLetterRefused(ILogger logger, string source, string error);

    [LoggerMessage(2023, LogLevel.Warning, "Committing offsets failed ({Error}); retrying at the next commit")]
    public static partial void CommitFailed(ILogger logger, string error);

    [LoggerMessage(2024, LogLevel.Warning, "Consuming failed ({Error}); retrying")]
    public static partial void ConsumeFailed(ILogger logger, string error);

    [LoggerMessage(2025, LogLevel.Error,
        "{Count} records of {Partition} were never consumed: offsets {From} to {To} were deleted from Kafka before this group read them (retention); they are lost to the pipeline unless they are still in raw_iot_data elsewhere")]
    public static partial void RecordsSkipped(ILogger logger, long count, string partition, long from, long to);

    [LoggerMessage(2030, LogLevel.Information, "Decoder stopping: {Pending} records still wait for Kafka; committing what is safe")]
    public static partial void Stopping(ILogger logger, int pending);

    [LoggerMessage(2031, LogLevel.Information, "Decoder stopped; consumer closed")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(2032, LogLevel.Critical, "The Decoder cannot do its job and stops with exit code 1")]
    public static partial void Failed(ILogger logger, Exception exception);
}

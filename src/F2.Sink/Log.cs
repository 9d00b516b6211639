namespace F2.Sink;

/// <summary>Log messages of F2.Sink (event ids 3000-3999).</summary>
internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Warning, "telemetrydb unavailable while applying the schema (attempt {Attempt}); retrying in {Delay}")]
    public static partial void SchemaDatabaseUnavailable(ILogger logger, Exception exception, int attempt, TimeSpan delay);

    [LoggerMessage(3002, LogLevel.Critical, "The sink cannot do its job and stops")]
    public static partial void SinkFailed(ILogger logger, Exception exception);

    [LoggerMessage(3003, LogLevel.Information, "Consuming {Topic} as group {Group}")]
    public static partial void Consuming(ILogger logger, string topic, string group);

    [LoggerMessage(3004, LogLevel.Warning, "Writing a batch of {Rows} rows failed (attempt {Attempt}); consumption paused, retrying in {Delay}")]
    public static partial void BatchWriteFailed(ILogger logger, Exception exception, int rows, int attempt, TimeSpan delay);

    [LoggerMessage(3005, LogLevel.Information, "telemetrydb is back after {Attempts} failed attempts; consumption resumed")]
    public static partial void BatchWriteRecovered(ILogger logger, int attempts);

    [LoggerMessage(3006, LogLevel.Warning, "Committing offsets failed; retrying (if the partition moves first, its new owner gets the records again and ignores their rows as duplicates)")]
    public static partial void CommitFailed(ILogger logger, Exception exception);

    [LoggerMessage(3007, LogLevel.Information, "Partitions revoked: {Partitions}; dropped {Records} uncommitted records of them (redelivered to the new owner)")]
    public static partial void PartitionsRevoked(ILogger logger, string partitions, int records);

    [LoggerMessage(3008, LogLevel.Information, "Partitions assigned: {Partitions}")]
    public static partial void PartitionsAssigned(ILogger logger, string partitions);

    [LoggerMessage(3009, LogLevel.Warning, "Record {Source} is not a valid decoded message ({Detail}); sent to {DeadLetterTopic}")]
    public static partial void RecordDeadLettered(ILogger logger, string source, string detail, string deadLetterTopic);

    [LoggerMessage(3010, LogLevel.Warning, "Stopping with a batch of {Records} records not written; nothing of it was committed, so it will be redelivered")]
    public static partial void BatchAbandoned(ILogger logger, int records);

    [LoggerMessage(3011, LogLevel.Warning, "Kafka consume error: {Reason}")]
    public static partial void ConsumeError(ILogger logger, string reason);

    [LoggerMessage(3012, LogLevel.Debug, "Wrote {Inserted} of {Offered} rows from {Records} records in {Seconds:F3} s")]
    public static partial void BatchWritten(ILogger logger, int inserted, int offered, int records, double seconds);

    [LoggerMessage(3013, LogLevel.Information, "Created {Count} daily partitions of iot_measurements")]
    public static partial void PartitionsCreated(ILogger logger, int count);

    [LoggerMessage(3014, LogLevel.Warning, "Partition maintenance failed; retrying in {Delay} (rows meanwhile land in iot_measurements_default)")]
    public static partial void PartitionMaintenanceFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(3015, LogLevel.Debug, "Retrying the offset commit failed: {Reason}")]
    public static partial void CommitRetryFailed(ILogger logger, string reason);

    [LoggerMessage(3016, LogLevel.Error,
        "{Count} records of {Partition} were never consumed: offsets {From} to {To} were deleted from Kafka before this group read them (retention); their rows are missing")]
    public static partial void RecordsSkipped(ILogger logger, long count, string partition, long from, long to);

    [LoggerMessage(3017, LogLevel.Critical, "The dead-letter store cannot do its job and stops")]
    public static partial void DeadLetterStoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(3018, LogLevel.Warning, "Record {Source} of dead_letter_iot_data is not a dead letter ({Detail}); kept in dead_letters as unknown")]
    public static partial void UnknownDeadLetter(ILogger logger, string source, string detail);

    [LoggerMessage(3019, LogLevel.Warning, "Keeping a batch of {Count} dead letters failed (attempt {Attempt}); consumption paused, retrying in {Delay}")]
    public static partial void DeadLetterWriteFailed(ILogger logger, Exception exception, int count, int attempt, TimeSpan delay);

    [LoggerMessage(3020, LogLevel.Information, "telemetrydb takes dead letters again after {Attempts} failed attempts; consumption resumed")]
    public static partial void DeadLetterWriteRecovered(ILogger logger, int attempts);

    [LoggerMessage(3021, LogLevel.Warning, "Stopping with {Count} dead letters not kept; nothing of them was committed, so they will be redelivered")]
    public static partial void DeadLettersNotStored(ILogger logger, int count);

    [LoggerMessage(3022, LogLevel.Information, "Deleted {Count} dead letters older than {Retention} (retention)")]
    public static partial void DeadLettersExpired(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(3023, LogLevel.Warning, "Dead-letter retention failed; retrying in {Delay}")]
    public static partial void DeadLetterRetentionFailed(ILogger logger, Exception exception, TimeSpan delay);
}

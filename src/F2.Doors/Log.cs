namespace F2.Doors;

/// <summary>Log messages of F2.Doors (event ids 6000-6999).</summary>
internal static partial class Log
{
    [LoggerMessage(6000, LogLevel.Information, "Door schema applied (door_events, door_state, door_offsets in telemetrydb; door_settings in devicedb)")]
    public static partial void SchemaApplied(ILogger logger);

    [LoggerMessage(6001, LogLevel.Warning, "A database is unavailable while applying the door schema (attempt {Attempt}); retrying in {Delay}")]
    public static partial void SchemaDatabaseUnavailable(ILogger logger, Exception exception, int attempt, TimeSpan delay);

    [LoggerMessage(6002, LogLevel.Critical, "The door stage cannot do its job and stops")]
    public static partial void DoorsFailed(ILogger logger, Exception exception);

    [LoggerMessage(6003, LogLevel.Information, "Consuming {Topic} as group {Group}")]
    public static partial void Consuming(ILogger logger, string topic, string group);

    [LoggerMessage(6004, LogLevel.Warning, "Writing a batch of {Messages} messages failed (attempt {Attempt}); door state reloaded from telemetrydb, retrying in {Delay}")]
    public static partial void BatchWriteFailed(ILogger logger, Exception exception, int messages, int attempt, TimeSpan delay);

    [LoggerMessage(6005, LogLevel.Information, "Partitions assigned: {Partitions}; resuming from the offsets stored with their door state: {Offsets}")]
    public static partial void PartitionsAssigned(ILogger logger, string partitions, string offsets);

    [LoggerMessage(6006, LogLevel.Information, "Partitions revoked: {Partitions}; their uncommitted messages are dropped (the next owner resumes from the stored state)")]
    public static partial void PartitionsRevoked(ILogger logger, string partitions);

    [LoggerMessage(6007, LogLevel.Information, "door_settings loaded: {Rows} rows ({Ignored} ignored)")]
    public static partial void SettingsLoaded(ILogger logger, int rows, int ignored);

    [LoggerMessage(6008, LogLevel.Warning, "Reloading door_settings failed; keeping the settings in hand")]
    public static partial void SettingsReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(6009, LogLevel.Warning, "A record of decoded_iot_data at {Partition}@{Offset} is not a decoded message; skipped")]
    public static partial void RecordInvalid(ILogger logger, int partition, long offset);

    [LoggerMessage(6010, LogLevel.Warning, "Consume error: {Reason}")]
    public static partial void ConsumeError(ILogger logger, string reason);

    [LoggerMessage(6011, LogLevel.Warning, "Committing offsets to Kafka failed; the offsets stored in telemetrydb stay authoritative")]
    public static partial void CommitFailed(ILogger logger, Exception exception);

    [LoggerMessage(6012, LogLevel.Warning, "door_settings row ({DeviceId}, {Door}) is ignored whole: {Reason}; its doors keep the next most specific row's settings or the defaults")]
    public static partial void SettingsRowIgnored(ILogger logger, string deviceId, string door, string reason);
}

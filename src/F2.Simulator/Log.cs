
namespace F2.Simulator;

/// <summary>The simulator's log messages (event ids 4000-4999). Never payloads or credentials above Debug.</summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Information, "Simulating {Devices} devices ({Models}) at {TargetRate} messages/s (0 = unthrottled) for {Duration} (0 = until stopped), QoS {Qos}, seed {Seed}")]
    public static partial void RunStarting(ILogger logger, int devices, string models, double targetRate, TimeSpan duration, int qos, int seed);

    [LoggerMessage(4001, LogLevel.Information, "Connected {Connections} MQTT connections to {Server} ({InFlight} publishes in flight each: MaxInFlight within the broker's Receive Maximum)")]
    public static partial void Connected(ILogger logger, int connections, string server, int inFlight);

    [LoggerMessage(4002, LogLevel.Warning, "MQTT client {ClientId} could not connect (attempt {Attempt} of {Attempts}); retrying in {RetryIn}")]
    public static partial void ConnectAttemptFailed(ILogger logger, string clientId, int attempt, int attempts, TimeSpan retryIn, Exception exception);

    [LoggerMessage(4003, LogLevel.Critical, "Cannot connect to the MQTT broker {Server} after {Attempts} attempts; stopping with a non-zero exit code")]
    public static partial void CannotConnect(ILogger logger, string server, int attempts);

    [LoggerMessage(4004, LogLevel.Warning, "MQTT client {ClientId} lost its connection; reconnecting (attempt {Attempt}, next in {RetryIn})")]
    public static partial void Reconnecting(ILogger logger, string clientId, int attempt, TimeSpan retryIn, Exception? exception);

    [LoggerMessage(4005, LogLevel.Information, "MQTT client {ClientId} reconnected")]
    public static partial void Reconnected(ILogger logger, string clientId);

    [LoggerMessage(4006, LogLevel.Debug, "Publish on {Topic} failed ({ErrorType})")]
    public static partial void PublishFailed(ILogger logger, string topic, string errorType, Exception? exception);

    [LoggerMessage(4007, LogLevel.Information, "Progress: {Published} messages published ({Rate:F0} messages/s over the last {Interval}), {Failures} failures, {CpuPerMessage:F1} µs of simulator CPU per message")]
    public static partial void Progress(ILogger logger, long published, double rate, TimeSpan interval, long failures, double cpuPerMessage);

    [LoggerMessage(4008, LogLevel.Information, "Run complete: {Published} messages published in {Seconds:F1} s, achieved {Rate:F0} messages/s (target {TargetRate}, 0 = unthrottled), {Failures} failures, {CpuPerMessage:F1} µs of simulator CPU per message")]
    public static partial void RunCompleted(ILogger logger, long published, double seconds, double rate, double targetRate, long failures, double cpuPerMessage);

    [LoggerMessage(4009, LogLevel.Information, "Writing {Rows} device_parameters rows for {Devices} devices")]
    public static partial void WritingParameters(ILogger logger, int rows, int devices);

    [LoggerMessage(4010, LogLevel.Warning, "Writing device_parameters failed (attempt {Attempt} of {Attempts}); retrying in {RetryIn}")]
    public static partial void ParameterWriteFailed(ILogger logger, int attempt, int attempts, TimeSpan retryIn, Exception exception);

    [LoggerMessage(4011, LogLevel.Critical, "Cannot write device_parameters after {Attempts} attempts; stopping with a non-zero exit code")]
    public static partial void CannotWriteParameters(ILogger logger, int attempts, Exception exception);

    [LoggerMessage(4012, LogLevel.Critical, "ConnectionStrings:{Name} is missing or invalid ({Error}); stopping with a non-zero exit code")]
    public static partial void ConnectionStringInvalid(ILogger logger, string name, string error);

    [LoggerMessage(4013, LogLevel.Critical, "The simulator failed; stopping with a non-zero exit code")]
    public static partial void SimulatorFailed(ILogger logger, Exception exception);

    [LoggerMessage(4014, LogLevel.Information, "Door anomalies injected: forced {ForcedOpen}, held {HeldOpen}, denied {DeniedCard}, unexplained unlock {UnexplainedUnlock}, failed relock {FailedRelock}, quiet exit {QuietExit}, unused grant {UnusedGrant} (shares of door uses); ground truth: {GroundTruthFile}")]
    public static partial void DoorAnomalies(
        ILogger logger, double forcedOpen, double heldOpen, double deniedCard, double unexplainedUnlock, double failedRelock, double quietExit, double unusedGrant,
        string groundTruthFile);
}

using Microsoft.Extensions.Logging;

namespace F2.Harness;

/// <summary>F2.Harness's source-generated log messages (event ids 7000-7999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Started {Name} (pid {ProcessId}, health port {Port}); output in {LogPath}")]
    public static partial void ServiceStarted(ILogger logger, string name, int processId, int port, string logPath);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Killed {Name} (pid {ProcessId}) with SIGKILL")]
    public static partial void ServiceKilled(ILogger logger, string name, int processId);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Scenario {Name}: {Rate} msg/s for {Duration}; logs in {LogDirectory}")]
    public static partial void ScenarioStarting(ILogger logger, string name, double rate, TimeSpan duration, string logDirectory);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Scenario {Name}: injecting fault: {Description}")]
    public static partial void FaultInjecting(ILogger logger, string name, string description);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Scenario {Name}: fault over after {Window}")]
    public static partial void FaultEnded(ILogger logger, string name, TimeSpan window);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Scenario {Name}: load done: {Attempted} published, {Acknowledged} acknowledged, {Failed} without PUBACK; draining")]
    public static partial void LoadFinished(ILogger logger, string name, long attempted, int acknowledged, long failed);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Information, Message = "Scenario {Name}: passed {Passed}: acknowledged {Acknowledged}, as rows {Rows}, dead-lettered {DeadLettered}, lost {Lost}, duplicate rows {Duplicates}")]
    public static partial void ScenarioFinished(ILogger logger, string name, bool passed, long acknowledged, long rows, long deadLettered, long lost, long duplicates);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Error, Message = "Scenario {Name} failed to run")]
    public static partial void ScenarioCrashed(ILogger logger, Exception exception, string name);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Warning, Message = "Load publisher {ClientId} could not connect: {Reason}")]
    public static partial void LoadConnectFailed(ILogger logger, string clientId, string reason);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Information, Message = "Broker {Broker} (leader of {Partitions} partitions) down; leadership moves to broker {Successor}")]
    public static partial void PartitionLeaderDown(ILogger logger, int broker, int partitions, int successor);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Report written to {Path}")]
    public static partial void ReportWritten(ILogger logger, string path);

    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Scenario bad-input: publishing {Kinds} kinds of bad input; logs in {LogDirectory}")]
    public static partial void BadInputStarting(ILogger logger, int kinds, string logDirectory);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Scenario bad-input: passed {Passed}: {AsExpected} of {Kinds} kinds as expected")]
    public static partial void BadInputFinished(ILogger logger, bool passed, int asExpected, int kinds);
}

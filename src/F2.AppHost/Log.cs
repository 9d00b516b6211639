using Microsoft.Extensions.Logging;

namespace F2.AppHost;

/// <summary>The AppHost's log messages (event ids 7000-7999).</summary>
internal static partial class Log
{
    [LoggerMessage(7000, LogLevel.Information, "F2 infrastructure mode: {Mode} ({Reason}). Force it with F2__Mode=Containers|Local|External.")]
    public static partial void ModeChosen(ILogger logger, HostingMode mode, string reason);

    [LoggerMessage(7001, LogLevel.Information, "{Tool}: {Line}")]
    public static partial void ToolOutput(ILogger logger, string tool, string line);

    [LoggerMessage(7002, LogLevel.Information, "Initialising a new PostgreSQL cluster in {DataFolder}")]
    public static partial void InitializingCluster(ILogger logger, string dataFolder);

    [LoggerMessage(7003, LogLevel.Information, "Created database {Database}")]
    public static partial void CreatedDatabase(ILogger logger, string database);

    [LoggerMessage(7004, LogLevel.Error, "Preparing the local PostgreSQL cluster failed; the databases will not become healthy")]
    public static partial void PrepareFailed(ILogger logger, Exception exception);

    [LoggerMessage(7005, LogLevel.Information, "Resource logs and status are written under {Folder}")]
    public static partial void OperationsFolder(ILogger logger, string folder);

    [LoggerMessage(7006, LogLevel.Warning, "Could not write the operations file {File}")]
    public static partial void OperationsFileFailed(ILogger logger, string file, Exception exception);
}

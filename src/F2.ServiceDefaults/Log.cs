using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace F2.ServiceDefaults;

/// <summary>Log messages of the service defaults (event ids 8000-8999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Information, Message = "Not healthy yet while starting ({Status}): {Checks}")]
    public static partial void NotHealthyYet(ILogger logger, HealthStatus status, string checks, Exception? exception);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "Still not healthy since start ({Status}): {Checks}")]
    public static partial void StillNotHealthy(ILogger logger, HealthStatus status, string checks, Exception? exception);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "Health is {Status}: {Checks}")]
    public static partial void NotHealthy(ILogger logger, HealthStatus status, string checks, Exception? exception);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "Healthy")]
    public static partial void Healthy(ILogger logger);
}

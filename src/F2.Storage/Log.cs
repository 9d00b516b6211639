namespace F2.Storage;

/// <summary>Log messages of F2.Storage (event ids 3000 and 3090, which it kept from F2.Sink, and 3100-3199).</summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Information, "Telemetry schema applied ({Layout} layout)")]
    public static partial void SchemaApplied(ILogger logger, TelemetryLayout layout);

    [LoggerMessage(3090, LogLevel.Warning, "Telemetry schema upgraded: {Migration}")]
    public static partial void SchemaMigrated(ILogger logger, string migration);
}

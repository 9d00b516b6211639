using Microsoft.Extensions.Logging;

namespace F2.Integrations;

/// <summary>Log messages of F2.Integrations; device parameters use event ids 5500-5999.</summary>
internal static partial class Log
{
    [LoggerMessage(5500, LogLevel.Information, "Device parameters refreshed: {Count} rows (changed: {Changed})")]
    public static partial void DeviceParametersLoaded(ILogger logger, int count, bool changed);

    [LoggerMessage(5501, LogLevel.Warning, "devicedb unavailable (attempt {Attempt}); device parameters {State}; retrying in {Delay}")]
    public static partial void DeviceParametersUnavailable(ILogger logger, Exception exception, int attempt, string state, TimeSpan delay);

    [LoggerMessage(5503, LogLevel.Warning, "device_parameters is empty: " + DeviceParameters.DeviceParameterHealthCheck.EmptyAdvice)]
    public static partial void DeviceParametersEmpty(ILogger logger);

    [LoggerMessage(5502, LogLevel.Debug, "device_parameters change notified; reloading")]
    public static partial void DeviceParametersChangeNotified(ILogger logger);
}

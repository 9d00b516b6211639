using Microsoft.Extensions.Logging;

namespace F2.Harness;

/// <summary>The benchmark's log messages (event ids 7100-7199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Benchmark: {Phase}: {Rate} msg/s offered (0 = as fast as possible) for {Duration}")]
    public static partial void BenchmarkPhase(ILogger logger, string phase, double rate, TimeSpan duration);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Benchmark: {Phase}: published {Published:F0} msg/s, stored {Rows:F0} rows/s, drained {Drain:F1} s after the load, backlog growth {Growth:F0} msg/s: sustained {Sustained}; CPU us/msg: {Cost}")]
    public static partial void BenchmarkPhaseDone(ILogger logger, string phase, double published, double rows, double drain, double growth, bool sustained, string cost);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Benchmark: COPY ceiling with up to {Rows} stored rows")]
    public static partial void BenchmarkCopy(ILogger logger, int rows);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "Benchmark: table written into {Path}")]
    public static partial void BenchmarkDocsWritten(ILogger logger, string path);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "Benchmark: {Phase} did not drain: {Published} published, since its start {Forwarded} forwarded to raw_iot_data, {Decoded} decoded, {Committed} committed by the Sink")]
    public static partial void BenchmarkNotDrained(ILogger logger, string phase, long published, long forwarded, long decoded, long committed);
}

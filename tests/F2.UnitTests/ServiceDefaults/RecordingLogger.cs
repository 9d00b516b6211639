using Microsoft.Extensions.Logging;

namespace F2.Tests.ServiceDefaults;

/// <summary>Keeps every log entry written to it: level, event id, formatted message and exception.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public List<(LogLevel Level, int EventId, string Message, Exception? Exception)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => Entries.Add((logLevel, eventId.Id, formatter(state, exception), exception));
}

/// <summary>Gives every category a <see cref="RecordingLogger{T}"/>, so that logging filters have a provider to apply to.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new RecordingLogger<object>();

    public void Dispose()
    {
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Fleetboot.Tftp.Tests.Support;

internal sealed record LogEntry(LogLevel Level, EventId EventId, string Message);

internal sealed class RecordingLogger : ILogger<TftpServer>
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue(new LogEntry(logLevel, eventId, formatter(state, exception)));
}

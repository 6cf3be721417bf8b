using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Fleetboot.Dhcp.Tests.Integration;

/// <summary>Keeps log lines so a failing test can print what the server did.</summary>
internal sealed class TestLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (Lines.Count < 2000) Lines.Enqueue($"{logLevel} {eventId.Id} {formatter(state, exception)}{(exception is null ? "" : " " + exception.Message)}");
    }

    public string Dump() => string.Join('\n', Lines);
}

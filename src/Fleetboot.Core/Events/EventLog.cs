using Microsoft.Extensions.Logging;

namespace Fleetboot.Core.Events;

/// <summary>Event ids 7000-7099: the boot timeline.</summary>
internal static partial class EventLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Error, Message = "Could not store {Count} boot events: {Reason}")]
    public static partial void WriteFailed(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Error, Message = "Boot event observer {Observer} failed: {Reason}")]
    public static partial void ObserverFailed(ILogger logger, string observer, string reason);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Could not prune the boot timeline: {Reason}")]
    public static partial void PruneFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "The boot timeline could not keep up: {Count} events were dropped ({Total} since start)")]
    public static partial void Dropped(ILogger logger, long count, long total);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Error, Message = "Could not store the repeat counts of {Count} boot events: {Reason}")]
    public static partial void RepeatsFailed(ILogger logger, int count, string reason);
}

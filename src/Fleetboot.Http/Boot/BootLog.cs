using Microsoft.Extensions.Logging;

namespace Fleetboot.Http.Boot;

/// <summary>Event ids 5000-5099: machine-facing HTTP.</summary>
internal static partial class BootLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Render failed for {Path}: {Reason}")]
    public static partial void RenderFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Nothing to serve for {Path}: {Reason}")]
    public static partial void NotFound(ILogger logger, string path, string reason);
}

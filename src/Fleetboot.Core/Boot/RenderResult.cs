using Fleetboot.Core.Templates;

namespace Fleetboot.Core.Boot;

public enum RenderStatus
{
    Ok,

    /// <summary>Nothing to serve (unknown machine for a config, no such file): adapters answer 404.</summary>
    NotFound,

    /// <summary>A template failed; adapters answer 404 so loaders fall through, and log the error.</summary>
    Failed,
}

/// <param name="Reason">For NotFound: why, in words an operator understands.</param>
public sealed record RenderResult(RenderStatus Status, string Content, string ContentType, string? MachineId, string? Reason, RenderError? Error)
{
    public static RenderResult Ok(string content, string contentType, string? machineId) =>
        new(RenderStatus.Ok, content, contentType, machineId, null, null);

    public static RenderResult NotFound(string reason, string? machineId = null) =>
        new(RenderStatus.NotFound, "", "text/plain; charset=utf-8", machineId, reason, null);

    public static RenderResult Failed(RenderError error, string? machineId) =>
        new(RenderStatus.Failed, "", "text/plain; charset=utf-8", machineId, error.ToString(), error);
}

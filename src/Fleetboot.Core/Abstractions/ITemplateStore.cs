using Fleetboot.Core.Templates;

namespace Fleetboot.Core.Abstractions;

/// <summary>Operators' templates with their version history. A name with no versions falls back to the built-in.</summary>
public interface ITemplateStore
{
    Task<TemplateVersion?> GetCurrentAsync(string name, CancellationToken ct);
    Task<IReadOnlyList<TemplateVersion>> ListCurrentAsync(CancellationToken ct);

    /// <returns>Every version, oldest first.</returns>
    Task<IReadOnlyList<TemplateVersion>> GetHistoryAsync(string name, CancellationToken ct);

    /// <summary>Stores <paramref name="content"/> as the next version of <paramref name="name"/>.</summary>
    Task<TemplateVersion> AddVersionAsync(string name, string content, CancellationToken ct);

    /// <summary>Deletes every version, so the built-in applies again.</summary>
    Task<bool> RemoveAsync(string name, CancellationToken ct);
}
